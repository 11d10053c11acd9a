using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>A noticed breach of a binding commitment is confirmed: it is breached.</summary>
public sealed record ConfirmBreach(string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason, IExpectVersion
{
    public sealed class Validator : AbstractValidator<ConfirmBreach>
    {
        public Validator() => this.ReasonAndEvidenceRules(x => x.Reason, x => x.Evidence, reasonRequired: false);
    }

    public IReadOnlyList<object> Decide(Commitment commitment) => [commitment.ConfirmBreach(Reason, Evidence?.ToEvidence())];
}

public static class ConfirmBreachEndpoint
{
    [WolverinePost("/api/commitments/{id}/confirm-breach"), Authorize(Policy = Can.ConfirmBreach)]
    public static Task<Applied> Post(Guid id, ConfirmBreach command, Writes writes) => writes.On<Commitment>(id, command, (commitment, _) => Task.FromResult(command.Decide(commitment)));
}
