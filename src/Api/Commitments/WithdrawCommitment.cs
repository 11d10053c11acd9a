using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>The commitment is withdrawn, with a reason.</summary>
public sealed record WithdrawCommitment(string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason, IExpectVersion
{
    public sealed class Validator : AbstractValidator<WithdrawCommitment>
    {
        public Validator() => this.ReasonAndEvidenceRules(x => x.Reason, x => x.Evidence, reasonRequired: true);
    }

    public IReadOnlyList<object> Decide(Commitment commitment) => [commitment.Withdraw(Reason!, Evidence?.ToEvidence())];
}

public static class WithdrawCommitmentEndpoint
{
    [WolverinePost("/api/commitments/{id}/withdraw"), Authorize(Policy = Can.Withdraw)]
    public static Task<Applied> Post(Guid id, WithdrawCommitment command, Writes writes) => writes.On<Commitment>(id, command, (commitment, _) => Task.FromResult(command.Decide(commitment)));
}
