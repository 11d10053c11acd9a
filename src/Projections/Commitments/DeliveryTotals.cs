using LoiTracker.Domain.Commitments;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Commitments;

/// <summary>
/// What was delivered against one commitment, summed by the async daemon: per period, in total, the count, the latest
/// delivery, and <see cref="Through"/>, the sequence of the last delivery folded in. Recording a delivery stays one
/// append (ADR 10); reads add the deliveries the daemon has not folded yet (<c>CurrentFacts</c>, ADR 15).
/// </summary>
public sealed class DeliveryTotals
{
    public Guid Id { get; set; }
    public Dictionary<string, decimal> ByPeriod { get; set; } = [];
    public decimal Total { get; set; }
    public int Count { get; set; }
    public DateTimeOffset? LatestAt { get; set; }
    public string? LatestBy { get; set; }
    public long Through { get; set; }
}

public partial class DeliveryTotalsProjection : SingleStreamProjection<DeliveryTotals, Guid>
{
    /// <summary>The daemon's name for this view: its progress row is "DeliveryTotals:All".</summary>
    public const string ProgressName = "DeliveryTotals:All";

    public DeliveryTotalsProjection()
    {
        Name = "DeliveryTotals";
        this.Folds(typeof(Commitment), [typeof(DeliveryRecorded)]);
    }

    public override DeliveryTotals? Evolve(DeliveryTotals? totals, Guid id, IEvent e)
    {
        if (e.Data is not DeliveryRecorded delivery) return totals;
        // Folded already: the daemon may pass a delivery again (its shard continued from an earlier progress, SharedShards).
        if (totals is not null && e.Sequence <= totals.Through) return totals;
        totals ??= new DeliveryTotals { Id = id };
        totals.ByPeriod[delivery.Period] = totals.ByPeriod.GetValueOrDefault(delivery.Period) + delivery.Quantity;
        totals.Total += delivery.Quantity;
        totals.Count++;
        totals.LatestAt = Provenance.RecordedAt(e);
        totals.LatestBy = Provenance.ActorNameOf(e);
        totals.Through = e.Sequence;
        return totals;
    }
}
