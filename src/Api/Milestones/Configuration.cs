using JasperFx.Events.Projections;
using LoiTracker.Projections.Milestones;
using Marten;

namespace LoiTracker.Api.Milestones;

public static class Configuration
{
    public static void AddMilestones(this StoreOptions options)
    {
        // Inline: a commitment's page shows a milestone the moment it is planned, moved or completed.
        options.Projections.Add<MilestoneViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<MilestoneView>().Index(x => x.CommitmentId).Index(x => x.OwnerPartyId).Index(x => x.Assignee!);
    }
}
