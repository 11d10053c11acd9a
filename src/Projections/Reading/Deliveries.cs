using JasperFx.Events;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Common;
using Marten;
using Marten.Events;

namespace LoiTracker.Projections.Reading;

/// <summary>One delivery against a commitment, as read.</summary>
public sealed record DeliveryView(Guid Id, Guid CommitmentId, string Period, decimal Quantity, Evidence? Evidence, DateTimeOffset RecordedAt,
    string? RecordedBy);

/// <summary>What was delivered against one commitment: per period, in total, and the latest delivery (a change like any other).</summary>
public sealed record DeliverySummary(IReadOnlyDictionary<string, decimal> ByPeriod, decimal Total, int Count, DateTimeOffset? LatestAt,
    string? LatestBy)
{
    public static readonly DeliverySummary None = new(new Dictionary<string, decimal>(), 0, 0, null, null);
}

/// <summary>
/// Deliveries are read from the commitment streams themselves: no document is written when one is recorded
/// (docs/adr/0010-the-delivery-command-path.md). The reads go by stream id, which Marten's events table indexes.
/// </summary>
public static class DeliveryEvents
{
    public static IQueryable<IEvent> Of(IQuerySession session, Guid[] commitmentIds) =>
        session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(commitmentIds) && e.EventTypesAre(typeof(DeliveryRecorded)));

    public static DeliveryView ToView(IEvent e)
    {
        var delivery = (DeliveryRecorded)e.Data;
        return new DeliveryView(delivery.DeliveryId, e.StreamId, delivery.Period, delivery.Quantity, delivery.Evidence, e.Timestamp,
            Provenance.ActorNameOf(e));
    }
}

/// <summary>
/// The parts of a register row that recording a delivery changes, read when asked: the delivery sums and the stream's
/// version. Keeping them out of every document is what keeps the busiest command to one append (ADR 10).
/// </summary>
public sealed record CurrentFacts(IReadOnlyDictionary<Guid, DeliverySummary> Deliveries, IReadOnlyDictionary<Guid, long> Versions)
{
    public static async Task<CurrentFacts> For(IQuerySession session, IReadOnlyCollection<Guid> commitmentIds, CancellationToken token)
    {
        if (commitmentIds.Count == 0) return new CurrentFacts(new Dictionary<Guid, DeliverySummary>(), new Dictionary<Guid, long>());
        var ids = commitmentIds.ToArray();
        var batch = session.CreateBatchQuery();
        var states = ids.Select(id => batch.Events.FetchStreamState(id)).ToList();
        await batch.Execute(token);
        var delivered = (await DeliveryEvents.Of(session, ids).ToListAsync(token)).Select(DeliveryEvents.ToView);

        var deliveries = delivered.GroupBy(d => d.CommitmentId).ToDictionary(g => g.Key, g =>
        {
            var latest = g.MaxBy(d => d.RecordedAt)!;
            return new DeliverySummary(g.GroupBy(d => d.Period).ToDictionary(p => p.Key, p => p.Sum(d => d.Quantity)), g.Sum(d => d.Quantity),
                g.Count(), latest.RecordedAt, latest.RecordedBy);
        });
        var versions = new Dictionary<Guid, long>();
        foreach (var state in states)
            if (await state is { } found) versions[found.Id] = found.Version;
        return new CurrentFacts(deliveries, versions);
    }

    public DeliverySummary DeliveriesOf(Guid id) => Deliveries.GetValueOrDefault(id) ?? DeliverySummary.None;

    public long VersionOf(CommitmentView view) => Versions.GetValueOrDefault(view.Id, view.Version);

    /// <summary>The view's last change, or the latest delivery when that came after it.</summary>
    public LastChange? LastChangeOf(CommitmentView view) =>
        DeliveriesOf(view.Id) is { LatestAt: { } at } latest && (view.LastChange is null || at > view.LastChange.At)
            ? new LastChange(at, latest.LatestBy, null, "delivery_recorded")
            : view.LastChange;

    /// <summary>Progress against the commitment's quantity in today's period, in its agreement's zone (none without a quantity).</summary>
    public QuantityProgress? ProgressOf(CommitmentView view, string timeZone, DateTimeOffset now)
    {
        if (view.Quantity is not { } quantity) return null;
        var deliveries = DeliveriesOf(view.Id);
        return QuantityProgress.Of(quantity, deliveries.ByPeriod, deliveries.Total, BusinessCalendar.Today(now, timeZone));
    }
}
