using System.Security.Claims;
using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Notes;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>
/// A note on a commitment; a privileged note (legal advice) is written and read by legal and admin only, and kept in a
/// stream of its own, so nobody else can tell it was written (the answer carries the commitment's unchanged version).
/// </summary>
public sealed record AddCommitmentNote(string? Text, bool? Privileged, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<AddCommitmentNote>
    {
        public Validator() => RuleFor(x => x.Text).NotEmpty().MaximumLength(20_000);
    }

    /// <summary>A plain note goes on the commitment's stream; a privileged one to its notes stream, leaving the commitment untouched.</summary>
    public async Task<IReadOnlyList<object>> Decide(Commitment commitment, ICommandContext context)
    {
        if (Privileged != true) return [commitment.AddNote(Ids.New(), Text!)];
        await PrivilegedNotes.Add(context, commitment.Id, "commitment", Ids.New(), Text!);
        return [];
    }
}

public static class AddCommitmentNoteEndpoint
{
    [WolverinePost("/api/commitments/{id}/notes"), Authorize(Policy = Can.AddNotes)]
    public static Task<Applied> Post(Guid id, AddCommitmentNote command, ClaimsPrincipal user, Writes writes)
    {
        if (command.Privileged == true) user.MustBeAllowedTo(Can.AddPrivilegedNotes, "Only legal may write a privileged note");
        return writes.On<Commitment>(id, command, command.Decide);
    }
}
