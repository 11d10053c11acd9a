using System.Security.Claims;
using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>A note on a commitment; a privileged note (legal advice) is written and read by legal and admin only.</summary>
public sealed record AddCommitmentNote(string? Text, bool? Privileged, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<AddCommitmentNote>
    {
        public Validator() => RuleFor(x => x.Text).NotEmpty().MaximumLength(20_000);
    }

    public IReadOnlyList<object> Decide(Commitment commitment) => [commitment.AddNote(Ids.New(), Text!, Privileged ?? false)];
}

public static class AddCommitmentNoteEndpoint
{
    [WolverinePost("/api/commitments/{id}/notes"), Authorize(Policy = Can.AddNotes)]
    public static Task<Applied> Post(Guid id, AddCommitmentNote command, ClaimsPrincipal user, Writes writes)
    {
        if (command.Privileged == true) user.MustBeAllowedTo(Can.AddPrivilegedNotes, "Only legal may write a privileged note");
        return writes.On<Commitment>(id, command, (commitment, _) => Task.FromResult(command.Decide(commitment)));
    }
}
