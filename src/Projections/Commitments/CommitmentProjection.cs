using JasperFx.Events;
using LoiTracker.Domain.Commitments;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Commitments;

/// <summary>The commitment aggregate its commands decide on, kept inline.</summary>
public partial class CommitmentProjection : SingleStreamProjection<Commitment, Guid>
{
    public override Commitment? Evolve(Commitment? snapshot, Guid id, IEvent e)
    {
        var next = e.Data is CommitmentMade made ? Commitment.From(made) : snapshot?.When(e.Data);
        return next is null ? null : next with { Version = e.Version };
    }
}
