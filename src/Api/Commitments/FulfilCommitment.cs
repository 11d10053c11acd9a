using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>Fulfilled, on a date (today in the agreement's zone by default), with evidence.</summary>
public sealed record FulfilCommitment(DateOnly? On, string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason, IExpectVersion
{
    public sealed class Validator : AbstractValidator<FulfilCommitment>
    {
        public Validator() => this.ReasonAndEvidenceRules(x => x.Reason, x => x.Evidence, reasonRequired: false);
    }

    public async Task<IReadOnlyList<object>> Decide(Commitment commitment, ICommandContext context)
    {
        var today = await context.TodayFor(commitment);
        return [commitment.Fulfill(On ?? today, Evidence?.ToEvidence(), today)];
    }
}

public static class FulfilCommitmentEndpoint
{
    [WolverinePost("/api/commitments/{id}/fulfill"), Authorize(Policy = Can.Fulfil)]
    public static Task<Applied> Post(Guid id, FulfilCommitment command, Writes writes) => writes.On<Commitment>(id, command, command.Decide);
}
