using System.Security.Claims;
using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Notes;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Agreements;

/// <summary>
/// A note on an agreement; a privileged note (legal advice) is written and read by legal and admin only, and kept in a
/// stream of its own, so nobody else can tell it was written (the answer carries the agreement's unchanged version).
/// </summary>
public sealed record AddAgreementNote(string? Text, bool? Privileged, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<AddAgreementNote>
    {
        public Validator() => RuleFor(x => x.Text).NotEmpty().MaximumLength(20_000);
    }

    /// <summary>A plain note goes on the agreement's stream; a privileged one to its notes stream, leaving the agreement untouched.</summary>
    public async Task<IReadOnlyList<object>> Decide(Agreement agreement, ICommandContext context)
    {
        if (Privileged != true) return [agreement.AddNote(Ids.New(), Text!)];
        await PrivilegedNotes.Add(context, agreement.Id, "agreement", Ids.New(), Text!);
        return [];
    }
}

public static class AddAgreementNoteEndpoint
{
    [WolverinePost("/api/agreements/{id}/notes"), Authorize(Policy = Can.AddNotes)]
    public static Task<Applied> Post(Guid id, AddAgreementNote command, ClaimsPrincipal user, Writes writes)
    {
        if (command.Privileged == true) user.MustBeAllowedTo(Can.AddPrivilegedNotes, "Only legal may write a privileged note");
        return writes.On<Agreement>(id, command, command.Decide);
    }
}
