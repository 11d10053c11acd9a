using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>Waived by a beneficiary; <c>byPartyId</c> may be left out when there is only one.</summary>
public sealed record WaiveCommitment(Guid? ByPartyId, string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason, IExpectVersion
{
    public sealed class Validator : AbstractValidator<WaiveCommitment>
    {
        public Validator()
        {
            RuleFor(x => x.ByPartyId).NotEqual(Guid.Empty);
            this.ReasonAndEvidenceRules(x => x.Reason, x => x.Evidence, reasonRequired: true);
        }
    }

    public async Task<IReadOnlyList<object>> Decide(Commitment commitment, ICommandContext context)
    {
        var by = ByPartyId ?? (commitment.Beneficiaries.Count == 1
            ? commitment.Beneficiaries[0]
            : throw new InvalidRequest(new Dictionary<string, string[]> { ["byPartyId"] = ["Say which beneficiary waives: there are several."] }));
        var names = await context.PartyNames([by]);
        return [commitment.Waive(by, names.GetValueOrDefault(by) ?? $"Party {by}", Reason!, Evidence?.ToEvidence())];
    }
}

public static class WaiveCommitmentEndpoint
{
    [WolverinePost("/api/commitments/{id}/waive"), Authorize(Policy = Can.Waive)]
    public static Task<Applied> Post(Guid id, WaiveCommitment command, Writes writes) => writes.On<Commitment>(id, command, command.Decide);
}
