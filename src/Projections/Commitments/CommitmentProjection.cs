using JasperFx.Events;
using LoiTracker.Domain.Commitments;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Commitments;

/// <summary>The commitment aggregate its commands decide on, kept inline.</summary>
public partial class CommitmentProjection : SingleStreamProjection<Commitment, Guid>
{
    // Only this stream's events: without the list every inline projection would look at every stream's events.
    public CommitmentProjection()
    {
        FilterIncomingEventsOnStreamType(typeof(Commitment));
        IncludeType<CommitmentMade>();
        IncludeType<ConditionLinked>();
        IncludeType<CommitmentActivated>();
        IncludeType<CommitmentOwnerAssigned>();
        IncludeType<MilestonePlanned>();
        IncludeType<MilestoneRescheduled>();
        IncludeType<MilestoneCompleted>();
        IncludeType<MilestoneAssigned>();

        IncludeType<DependencyDeclared>();
        IncludeType<DependencyRemoved>();
        IncludeType<CommitmentFulfilled>();
        IncludeType<BreachNoticed>();
        IncludeType<BreachCured>();
        IncludeType<CommitmentBreached>();
        IncludeType<CommitmentNotPerformed>();
        IncludeType<CommitmentWaived>();
        IncludeType<CommitmentWithdrawn>();
        IncludeType<CommitmentCarriedForward>();
        IncludeType<CommitmentCarriedOver>();
    }

    public override Commitment? Evolve(Commitment? snapshot, Guid id, IEvent e)
    {
        var next = e.Data is CommitmentMade made ? Commitment.From(made) : snapshot?.When(e.Data);
        return next is null ? null : next with { Version = e.Version };
    }
}
