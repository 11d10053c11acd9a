using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>What was delivered against the commitment's quantity in a period (2026-03, 2026-Q1, 2026), with evidence.</summary>
public sealed record RecordDelivery(string? Period, decimal? Quantity, EvidenceInput? Evidence, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<RecordDelivery>
    {
        public Validator()
        {
            RuleFor(x => x.Period).NotEmpty().MaximumLength(10);
            RuleFor(x => x.Quantity).NotNull().GreaterThan(0);
            RuleFor(x => x.Evidence).SetValidator(new EvidenceInput.Validator()!).When(x => x.Evidence is not null);
        }
    }

    public DeliveryRecorded Decide(Commitment commitment, Guid deliveryId) =>
        commitment.RecordDelivery(deliveryId, Period!.Trim(), Quantity!.Value, Evidence?.ToEvidence());
}

/// <summary>
/// The busiest command, which ./bench.sh append drives. It runs through the one write path like every command (a
/// fresh session per attempt, turns per stream, a lost race decided again), but decides on the cached commitment when
/// there is one and writes one event and nothing else: deliveries change no document (ADR 10). The append carries the
/// cached version as its expected version, so a stale cache can only make it fail, never decide wrongly.
/// </summary>
public static class RecordDeliveryEndpoint
{
    [WolverinePost("/api/commitments/{id}/deliveries"), Authorize(Policy = Can.RecordDeliveries)]
    public static Task<Created> Post(Guid id, RecordDelivery command, Writes writes, CommitmentCache cache, CancellationToken token)
    {
        var deliveryId = Ids.New();
        return writes.Retrying(id, command, "Commitment", async (session, attempt) =>
        {
            var expected = writes.ExpectedVersion(command);
            var fresh = attempt > 1 || expected is not null;
            var (commitment, version) = await Current(id, session, cache, fresh, token);
            Versioning.Expect(expected, version, "Commitment", id);

            session.Events.Append(id, version + 1, command.Decide(commitment, deliveryId));
            return new Attempt<Created>(new Created(deliveryId, version + 1, $"/api/commitments/{id}/deliveries/{deliveryId}"),
                AfterCommit: () => cache.Remember(commitment, version + 1), AfterFailure: () => cache.Forget(id));
        });
    }

    /// <summary>
    /// The commitment and its stream version: from the cache, or read with the version first and the document second,
    /// so the document is never older than the version it is paired with.
    /// </summary>
    private static async Task<(Commitment, long)> Current(Guid id, IDocumentSession session, CommitmentCache cache, bool fresh,
        CancellationToken token)
    {
        if (!fresh && cache.TryGet(id, out var cached, out var cachedVersion)) return (cached, cachedVersion);

        var batch = session.CreateBatchQuery();
        var stateQuery = batch.Events.FetchStreamState(id);
        var documentQuery = batch.Load<Commitment>(id);
        await batch.Execute(token);
        var state = await stateQuery;
        var commitment = await documentQuery;
        if (state is null || commitment is null) throw new NotFound("Commitment", id);

        cache.Remember(commitment, state.Version);
        return (commitment, state.Version);
    }
}
