using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Common;
using Marten;

namespace LoiTracker.Api.Commitments;

/// <summary>What was delivered against one commitment: per period, in total, and the latest delivery (a change like any other).</summary>
public sealed record DeliverySummary(IReadOnlyDictionary<string, decimal> ByPeriod, decimal Total, int Count, DateTimeOffset? LatestAt,
    string? LatestBy)
{
    public static readonly DeliverySummary None = new(new Dictionary<string, decimal>(), 0, 0, null, null);
}

/// <summary>
/// The parts of a register row that recording a delivery changes, read when asked: the delivery sums (from the
/// stream's events) and the stream's version. Keeping them out of every document is what keeps the busiest command
/// to one append (docs/adr/0010-the-delivery-command-path.md).
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
}
