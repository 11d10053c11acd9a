using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>
/// Carries a commitment forward into an agreement that supersedes its own (a definitive agreement after the LOI):
/// into <c>toCommitmentId</c> when it is already recorded there, otherwise into a new commitment with the same terms.
/// Both sides are linked, in one transaction.
/// </summary>
public sealed record CarryForwardCommitment(Guid? ToAgreementId, Guid? ToCommitmentId, string? Reason, EvidenceInput? Evidence,
    long? ExpectedVersion) : IHaveReason, IExpectVersion
{
    public sealed class Validator : AbstractValidator<CarryForwardCommitment>
    {
        public Validator()
        {
            RuleFor(x => x.ToAgreementId).NotNull().NotEqual(Guid.Empty);
            RuleFor(x => x.ToCommitmentId).NotEqual(Guid.Empty);
            RuleFor(x => x.Reason).MaximumLength(2000);
        }
    }

    public async Task<(IReadOnlyList<object> Events, Guid ToCommitmentId)> Decide(Commitment commitment, Guid newId, ICommandContext context)
    {
        var from = await context.KnownAgreement(commitment.AgreementId);
        var to = await context.KnownAgreement(ToAgreementId!.Value);
        var into = ToCommitmentId is { } intoId
            ? (await context.Commitment(intoId) is null ? null : await context.ForWriting<Commitment>(intoId))
              ?? throw new RuleViolation("unknown-commitment", $"Commitment {intoId} does not exist")
            : null;
        var names = await context.PartyNames(to.Parties.Select(p => p.PartyId));
        var (here, targetId, there) = commitment.CarryForward(from, to, into, newId, Reason, names);
        if (into is not null) context.Append(into.Id, there);
        else context.StartStream<Commitment>(targetId, there);
        return (here, targetId);
    }
}

/// <summary>The answer to a carry-forward: the new version here, and the commitment it lives on in.</summary>
public sealed record CarriedForward(Guid Id, long Version, Guid ToCommitmentId);

public static class CarryForwardCommitmentEndpoint
{
    [WolverinePost("/api/commitments/{id}/carry-forward"), Authorize(Policy = Can.CarryForward)]
    public static async Task<CarriedForward> Post(Guid id, CarryForwardCommitment command, Writes writes)
    {
        var target = Guid.Empty;
        var applied = await writes.On<Commitment>(id, command, async (commitment, context) =>
        {
            var (events, toCommitment) = await command.Decide(commitment, Ids.New(), context);
            target = toCommitment;
            return events;
        });
        return new CarriedForward(applied.Id, applied.Version, target);
    }
}
