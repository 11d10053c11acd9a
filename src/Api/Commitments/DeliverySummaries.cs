using LoiTracker.Domain.Commitments;
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
/// The parts of a register row that recording a delivery changes, read when asked: the delivery sums (one document
/// per delivery) and the stream's version (kept on the commitment aggregate). Keeping them out of
/// <see cref="CommitmentView"/> is what keeps the busiest command to an append and an insert (docs/benchmarks.md).
/// </summary>
public sealed record CurrentFacts(IReadOnlyDictionary<Guid, DeliverySummary> Deliveries, IReadOnlyDictionary<Guid, long> Versions)
{
    public static async Task<CurrentFacts> For(IQuerySession session, IReadOnlyCollection<Guid> commitmentIds, CancellationToken token)
    {
        if (commitmentIds.Count == 0) return new CurrentFacts(new Dictionary<Guid, DeliverySummary>(), new Dictionary<Guid, long>());
        var ids = commitmentIds.ToArray();
        var batch = session.CreateBatchQuery();
        var deliveriesQuery = batch.Query<DeliveryView>().Where(d => d.CommitmentId.IsOneOf(ids)).ToList();
        var aggregatesQuery = batch.LoadMany<Commitment>().ById(ids);
        await batch.Execute(token);

        var deliveries = (await deliveriesQuery).GroupBy(d => d.CommitmentId).ToDictionary(g => g.Key, g =>
        {
            var latest = g.MaxBy(d => d.RecordedAt)!;
            return new DeliverySummary(g.GroupBy(d => d.Period).ToDictionary(p => p.Key, p => p.Sum(d => d.Quantity)), g.Sum(d => d.Quantity),
                g.Count(), latest.RecordedAt, latest.RecordedBy);
        });
        return new CurrentFacts(deliveries, (await aggregatesQuery).ToDictionary(c => c.Id, c => c.Version));
    }

    public DeliverySummary DeliveriesOf(Guid id) => Deliveries.GetValueOrDefault(id) ?? DeliverySummary.None;

    public long VersionOf(CommitmentView view) => Versions.GetValueOrDefault(view.Id, view.Version);

    /// <summary>The view's last change, or the latest delivery when that came after it.</summary>
    public LastChange? LastChangeOf(CommitmentView view) =>
        DeliveriesOf(view.Id) is { LatestAt: { } at } latest && (view.LastChange is null || at > view.LastChange.At)
            ? new LastChange(at, latest.LatestBy, null, "delivery_recorded")
            : view.LastChange;
}
