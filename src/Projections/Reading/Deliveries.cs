using JasperFx.Events;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Common;
using Marten;
using Marten.Events;
using Marten.Services.BatchQuerying;

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
        return new DeliveryView(delivery.DeliveryId, e.StreamId, delivery.Period, delivery.Quantity, delivery.Evidence, Provenance.RecordedAt(e),
            Provenance.ActorNameOf(e));
    }
}

/// <summary>
/// The parts of a register row that recording a delivery changes, read when asked: the delivery sums and the stream's
/// version. The sums come from <see cref="DeliveryTotals"/>, kept by the daemon, plus the deliveries it has not folded
/// yet, found through the events table's (type, sequence) index above the daemon's progress: a read after a 201
/// includes that delivery, and no read sums a stream's whole history (docs/adr/0015-honest-under-faults.md).
/// </summary>
public sealed record CurrentFacts(IReadOnlyDictionary<Guid, DeliverySummary> Deliveries, IReadOnlyDictionary<Guid, long> Versions)
{
    public static async Task<CurrentFacts> For(IQuerySession session, IReadOnlyCollection<Guid> commitmentIds, CancellationToken token)
    {
        if (commitmentIds.Count == 0) return new CurrentFacts(new Dictionary<Guid, DeliverySummary>(), new Dictionary<Guid, long>());
        // The newest deliveries first, the totals after: a total folded in meanwhile is recognised by its Through.
        var recent = await Recent(session, [.. commitmentIds], token);
        var batch = session.CreateBatchQuery();
        var pending = Queue(batch, [.. commitmentIds]);
        await batch.Execute(token);
        return await pending.Complete(recent);
    }

    /// <summary>The read of a page's delivery totals, queued in a batch that other reads of the page share (one round trip).</summary>
    public static Pending Queue(IBatchedQuery batch, Guid[] ids) => new(ids, batch.LoadMany<DeliveryTotals>().ById(ids));

    public sealed class Pending(Guid[] ids, Task<IReadOnlyList<DeliveryTotals>> totalsQuery)
    {
        public async Task<CurrentFacts> Complete(RecentFacts recent)
        {
            var totals = (await totalsQuery).ToDictionary(t => t.Id);
            var tail = recent.Deliveries.Where(d => d.Sequence > (totals.GetValueOrDefault(d.CommitmentId)?.Through ?? 0))
                .Select(d => new DeliveryView(d.Delivery.DeliveryId, d.CommitmentId, d.Delivery.Period, d.Delivery.Quantity, d.Delivery.Evidence,
                    d.RecordedAt, d.RecordedBy))
                .ToLookup(d => d.CommitmentId);
            var deliveries = new Dictionary<Guid, DeliverySummary>();
            foreach (var id in ids)
            {
                var summed = totals.GetValueOrDefault(id);
                var newer = tail[id].ToList();
                if (summed is null && newer.Count == 0) continue;
                var byPeriod = new Dictionary<string, decimal>(summed?.ByPeriod ?? []);
                foreach (var d in newer) byPeriod[d.Period] = byPeriod.GetValueOrDefault(d.Period) + d.Quantity;
                var latest = newer.MaxBy(d => d.RecordedAt);
                deliveries[id] = new DeliverySummary(byPeriod, (summed?.Total ?? 0) + newer.Sum(d => d.Quantity),
                    (summed?.Count ?? 0) + newer.Count, latest?.RecordedAt ?? summed?.LatestAt, latest is null ? summed?.LatestBy : latest.RecordedBy);
            }
            return new CurrentFacts(deliveries, recent.Versions);
        }
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

    /// <summary>A delivery the daemon may not have folded yet, as the events table holds it.</summary>
    public sealed record RecentDelivery(Guid CommitmentId, long Sequence, DeliveryRecorded Delivery, DateTimeOffset RecordedAt, string? RecordedBy);

    /// <summary>The streams' versions and the deliveries the daemon has not folded yet, as one statement read them.</summary>
    public sealed record RecentFacts(IReadOnlyList<RecentDelivery> Deliveries, IReadOnlyDictionary<Guid, long> Versions);

    /// <summary>
    /// The versions of <paramref name="ids"/>' streams and their deliveries above the daemon's progress, in one statement
    /// (one round trip, one result): the deliveries through the (type, sequence) index, so it reads only what the daemon
    /// has not reached, however long the streams are. The versions are read before the totals, so a version never claims
    /// a delivery the totals lack: a delivery in between makes the version too low, and an If-Match on it a safe 412.
    /// </summary>
    public static async Task<RecentFacts> Recent(IQuerySession session, Guid[] ids, CancellationToken token)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var found = await session.AdvancedSql.QueryAsync<RecentFactsRow>(
            "select json_build_object(" +
            $"'versions', (select coalesce(json_object_agg(s.id, s.version), '{{}}') from {schema}.mt_streams s where s.id = any(?)), " +
            "'deliveries', (select coalesce(json_agg(json_build_object('commitmentId', e.stream_id, 'sequence', e.seq_id, 'delivery', e.data, " +
            "'recordedAt', e.timestamp, 'recordedBy', coalesce(e.headers ->> 'actor-name', e.user_name))), '[]') " +
            $"from {schema}.mt_events e where e.type = 'delivery_recorded' and e.stream_id = any(?) " +
            $"and e.seq_id > (select coalesce(max(p.last_seq_id), 0) from {schema}.mt_event_progression p where p.name = ?)))",
            token, ids, ids, DeliveryTotalsProjection.ProgressName);
        var row = found.Single();
        return new RecentFacts(row.Deliveries, row.Versions);
    }

    private sealed record RecentFactsRow(List<RecentDelivery> Deliveries, Dictionary<Guid, long> Versions);
}
