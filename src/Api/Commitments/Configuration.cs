using JasperFx.Events.Projections;
using LoiTracker.Domain.Commitments;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Milestones;
using Marten;

namespace LoiTracker.Api.Commitments;

public static class Configuration
{
    public static void AddCommitments(this StoreOptions options)
    {
        // Inline: the register shows a change the moment it is made.
        options.Projections.Add<CommitmentProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<CommitmentViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<MilestoneViewProjection>(ProjectionLifecycle.Inline);

        options.Schema.For<Commitment>().Index(x => x.AgreementId);
        options.Schema.For<CommitmentView>()
            .Index(x => x.AgreementId)
            .Index(x => x.Workstream)
            .Index(x => x.Status)
            .GinIndexJsonData();
        options.Schema.For<MilestoneView>().Index(x => x.CommitmentId).Index(x => x.OwnerPartyId).Index(x => x.Assignee!);
    }

    public static IServiceCollection AddCommitmentServices(this IServiceCollection services) =>
        services.AddSingleton<Workstreams>();

    /// <summary>The delivery path's cache forgets a commitment whenever another command changes it.</summary>
    public static void ForgetChangedCommitments(this StoreOptions options, CommitmentCache cache) =>
        options.Listeners.Add(new ForgetChangedCommitments(cache));
}
