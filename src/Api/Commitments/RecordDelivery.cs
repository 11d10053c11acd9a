using FluentValidation;
using JasperFx;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>What was delivered against the commitment's quantity in a period (2026-03, 2026-Q1, 2026), with evidence.</summary>
public sealed record RecordDelivery(string? Period, decimal? Quantity, EvidenceInput? Evidence, long? ExpectedVersion)
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
}

/// <summary>
/// The busiest command, which ./bench.sh append drives. It decides like every other command, but on the cached
/// commitment when there is one, and it writes one event and nothing else: deliveries change no document
/// (docs/adr/0010-the-delivery-command-path.md). Two deliveries to one commitment at the same moment both succeed:
/// deliveries commute, so within a process they take turns, and a race with another process without an
/// <c>expectedVersion</c> is decided again on a fresh read rather than refused.
/// </summary>
public static class RecordDeliveryEndpoint
{
    private const int Attempts = 5;

    [WolverinePost("/api/commitments/{id}/deliveries"), Authorize(Policy = Can.RecordDeliveries)]
    public static async Task<Created> Post(RecordDelivery command, Guid id, IDocumentSession session, CommitmentCache cache,
        CancellationToken token)
    {
        var deliveryId = Ids.New();
        using var turn = await cache.TakeTurn(id, token);
        for (var attempt = 1; ; attempt++)
        {
            var (commitment, version) = await Current(id, session, cache, fresh: attempt > 1 || command.ExpectedVersion is not null, token);
            Versioning.Expect(command.ExpectedVersion, version, "Commitment", id);
            var delivered = commitment.RecordDelivery(deliveryId, command.Period!.Trim(), command.Quantity!.Value, command.Evidence?.ToEvidence());

            session.Events.Append(id, version + 1, delivered);
            try
            {
                await session.SaveChangesAsync(token);
            }
            catch (ConcurrencyException) when (command.ExpectedVersion is null && attempt < Attempts)
            {
                cache.Forget(id);
                session.EjectAllPendingChanges();
                continue;
            }
            catch (ConcurrencyException)
            {
                cache.Forget(id);
                throw;
            }

            cache.Remember(commitment, version + 1);
            return new Created(deliveryId, version + 1, $"/api/commitments/{id}/deliveries/{deliveryId}");
        }
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
