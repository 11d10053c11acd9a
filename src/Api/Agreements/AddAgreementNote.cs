using System.Security.Claims;
using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Agreements;

/// <summary>A note on an agreement; a privileged note (legal advice) is written and read by legal and admin only.</summary>
public sealed record AddAgreementNote(string? Text, bool? Privileged, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<AddAgreementNote>
    {
        public Validator() => RuleFor(x => x.Text).NotEmpty().MaximumLength(20_000);
    }

    public IReadOnlyList<object> Decide(Agreement agreement) => [agreement.AddNote(Ids.New(), Text!, Privileged ?? false)];
}

public static class AddAgreementNoteEndpoint
{
    [WolverinePost("/api/agreements/{id}/notes"), Authorize(Policy = Can.AddNotes)]
    public static Task<Applied> Post(Guid id, AddAgreementNote command, ClaimsPrincipal user, Writes writes)
    {
        if (command.Privileged == true) user.MustBeAllowedTo(Can.AddPrivilegedNotes, "Only legal may write a privileged note");
        return writes.On<Agreement>(id, command, (agreement, _) => Task.FromResult(command.Decide(agreement)));
    }
}
