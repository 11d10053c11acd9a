using JasperFx.Events;
using LoiTracker.Domain.Commitments;
using LoiTracker.Projections.Common;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Commitments;

/// <summary>The commitment aggregate its commands decide on, kept inline.</summary>
public partial class CommitmentProjection : SingleStreamProjection<Commitment, Guid>
{
    public CommitmentProjection()
    {
        // Deliveries change nothing a decision needs: they leave this document alone (ADR 10).
        this.Folds(typeof(Commitment), CommitmentEvents.All.Where(t => t != typeof(DeliveryRecorded)));
    }

    public override Commitment? Evolve(Commitment? snapshot, Guid id, IEvent e)
    {
        var next = e.Data is CommitmentMade made ? Commitment.From(made) : snapshot?.When(e.Data);
        return next is null ? null : next with { Version = e.Version };
    }
}
