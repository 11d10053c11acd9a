using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>The person on our side who owns the commitment.</summary>
public sealed record AssignCommitmentOwner(string? Owner, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<AssignCommitmentOwner>
    {
        public Validator() => RuleFor(x => x.Owner).NotEmpty().MaximumLength(200);
    }
}

public static class AssignCommitmentOwnerEndpoint
{
    [WolverinePost("/api/commitments/{id}/owner"), Authorize(Policy = Can.AssignOwners)]
    public static Task<Applied> Post(Guid id, AssignCommitmentOwner command, Writes writes) =>
        writes.On<Commitment>(id, command, (commitment, _) => Task.FromResult<IReadOnlyList<object>>([commitment.AssignOwner(command.Owner!)]));
}
