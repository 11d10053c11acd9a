using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>A non-binding commitment did not happen: recorded as not performed, never as a breach (that would read as an admission).</summary>
public sealed record RecordNotPerformed(string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason, IExpectVersion
{
    public sealed class Validator : AbstractValidator<RecordNotPerformed>
    {
        public Validator() => this.ReasonAndEvidenceRules(x => x.Reason, x => x.Evidence, reasonRequired: false);
    }

    public IReadOnlyList<object> Decide(Commitment commitment) => [commitment.NotPerformed(Reason, Evidence?.ToEvidence())];
}

public static class RecordNotPerformedEndpoint
{
    [WolverinePost("/api/commitments/{id}/not-performed"), Authorize(Policy = Can.RecordNotPerformed)]
    public static Task<Applied> Post(Guid id, RecordNotPerformed command, Writes writes) => writes.On<Commitment>(id, command, (commitment, _) => Task.FromResult(command.Decide(commitment)));
}
