using System.ComponentModel;
using JasperFx.Events.Projections;
using LoiTracker.Projections.Milestones;

namespace LoiTracker.Api.Milestones;

[Description("Milestones of a commitment: planned, rescheduled, assigned and completed, with states derived from today's date (planned, due-soon, overdue, pending, completed, closed).")]
public static class Configuration
{
    public static void AddMilestones(this StoreOptions options)
    {
        // Inline: a commitment's page shows a milestone the moment it is planned, moved or completed.
        options.Projections.Add<MilestoneViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<MilestoneView>()
            .Index(x => x.CommitmentId).Index(x => x.OwnerPartyId).Index(x => x.Assignee!)
            // What the schedule view looks up when an anchor or a condition moves.
            .Index(x => x.Due!.After.MilestoneId).Index(x => x.Due!.After.ConditionId)
            .GinIndexJsonData();

        // Async: a schedule hangs on other streams, so the daemon resolves it after the commit (ADR 12).
        options.Projections.Add(new MilestoneScheduleProjection(), ProjectionLifecycle.Async);
        options.Schema.For<MilestoneScheduleView>()
            .Index(x => x.FallsDueAt!).Index(x => x.DueOn!).Index(x => x.CommitmentId).Index(x => x.Assignee!)
            .GinIndexJsonData();
    }
}
