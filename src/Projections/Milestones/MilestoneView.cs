using JasperFx.Events;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Common;
using Marten.Events.Projections;

namespace LoiTracker.Projections.Milestones;

/// <summary>
/// One milestone of a commitment, as the milestone list and the register read it. Its resolved due date (for a
/// relative one), and whether it is overdue, due soon or pending, are derived when read.
/// </summary>
public sealed class MilestoneView
{
    public Guid Id { get; set; }
    public Guid CommitmentId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly? DueOn { get; set; }
    public RelativeDue? Due { get; set; }
    public Guid OwnerPartyId { get; set; }
    public string? Assignee { get; set; }
    public List<Guid> ConditionIds { get; set; } = [];
    public bool Illustrative { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public Evidence? Evidence { get; set; }
    public List<Rescheduling> Reschedules { get; set; } = [];
    public DateTimeOffset PlannedAt { get; set; }
    public LastChange? LastChange { get; set; }
}

public sealed record Rescheduling(DateOnly? From, DateOnly To, string Reason, DateTimeOffset At, string? By);

/// <summary>Each milestone event belongs to one commitment stream, so a milestone document is only ever written by one stream at a time.</summary>
public partial class MilestoneViewProjection : MultiStreamProjection<MilestoneView, Guid>
{
    public MilestoneViewProjection()
    {
        Identity<MilestonePlanned>(e => e.MilestoneId);
        Identity<MilestoneRescheduled>(e => e.MilestoneId);
        Identity<MilestoneCompleted>(e => e.MilestoneId);
        Identity<MilestoneAssigned>(e => e.MilestoneId);
    }

    public override MilestoneView? Evolve(MilestoneView? view, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case MilestonePlanned planned:
                view = new MilestoneView
                {
                    Id = planned.MilestoneId, CommitmentId = e.StreamId, Title = planned.Title, DueOn = planned.DueOn, Due = planned.Due,
                    OwnerPartyId = planned.OwnerPartyId, Assignee = planned.Assignee, ConditionIds = [.. planned.ConditionIds],
                    Illustrative = planned.Illustrative, PlannedAt = Provenance.RecordedAt(e)
                };
                break;
            case MilestoneRescheduled moved when view is not null:
                view.Reschedules.Add(new Rescheduling(moved.PreviousDueOn, moved.DueOn, moved.Reason, Provenance.RecordedAt(e), Provenance.ActorNameOf(e)));
                view.DueOn = moved.DueOn;
                view.Due = null;
                break;
            case MilestoneCompleted done when view is not null:
                view.CompletedOn = done.CompletedOn;
                view.Evidence = done.Evidence;
                break;
            case MilestoneAssigned assigned when view is not null:
                view.Assignee = assigned.Assignee;
                break;
        }
        if (view is null) return null;
        view.LastChange = LastChange.Of(e);
        return view;
    }
}
