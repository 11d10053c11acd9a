using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>A breach that was noticed is cured: the commitment is active again.</summary>
public sealed record CureBreach(string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason, IExpectVersion
{
    public sealed class Validator : AbstractValidator<CureBreach>
    {
        public Validator() => this.ReasonAndEvidenceRules(x => x.Reason, x => x.Evidence, reasonRequired: false);
    }

    public IReadOnlyList<object> Decide(Commitment commitment) => [commitment.Cure(Reason, Evidence?.ToEvidence())];
}

public static class CureBreachEndpoint
{
    [WolverinePost("/api/commitments/{id}/cure"), Authorize(Policy = Can.CureBreach)]
    public static Task<Applied> Post(Guid id, CureBreach command, Writes writes) => writes.On<Commitment>(id, command, (commitment, _) => Task.FromResult(command.Decide(commitment)));
}
