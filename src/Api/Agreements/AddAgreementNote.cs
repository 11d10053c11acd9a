using System.Security.Claims;
using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Agreements;

/// <summary>A note on an agreement; a privileged note (legal advice) is written and read by legal and admin only.</summary>
public sealed record AddAgreementNote(string? Text, bool? Privileged, long? ExpectedVersion)
{
    public sealed class Validator : AbstractValidator<AddAgreementNote>
    {
        public Validator() => RuleFor(x => x.Text).NotEmpty().MaximumLength(20_000);
    }
}

public static class AddAgreementNoteEndpoint
{
    [WolverinePost("/api/agreements/{id}/notes"), Authorize(Policy = Can.AddNotes)]
    public static (Applied, Events) Post(AddAgreementNote command, [WriteAggregate] Agreement agreement, ClaimsPrincipal user)
    {
        if (command.Privileged == true)
            user.MustBeAllowedTo(Can.AddPrivilegedNotes, "Only legal may write a privileged note");
        Versioning.Expect(command.ExpectedVersion, agreement.Version, "Agreement", agreement.Id);
        Events events = [agreement.AddNote(Ids.New(), command.Text!, command.Privileged ?? false)];
        return (new Applied(agreement.Id, agreement.Version + events.Count), events);
    }
}
