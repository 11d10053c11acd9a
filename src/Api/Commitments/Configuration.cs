using System.ComponentModel;
using JasperFx.Events.Projections;
using LoiTracker.Domain.Commitments;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Common;
using Marten;

namespace LoiTracker.Api.Commitments;

[Description("The obligations register: what each party commits to under an agreement, its quantity and value, deliveries against it, dependencies, breach and cure, and how each commitment ends.")]
public static class Configuration
{
    public static void AddCommitments(this StoreOptions options, CommitmentCache cache)
    {
        // Inline: the register shows a change the moment it is made.
        options.Projections.Add<CommitmentProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<CommitmentViewProjection>(ProjectionLifecycle.Inline);

        options.Schema.For<Commitment>().Index(x => x.AgreementId);
        options.Schema.For<CommitmentView>()
            .Index(x => x.AgreementId)
            .Index(x => x.Workstream)
            .Index(x => x.Status)
            .GinIndexJsonData();
        // Async: deliveries are summed by the daemon, off the command path; reads add what it has not folded yet (ADR 15),
        // found above its progress through the events' (type, sequence) index.
        // One shard with risk, which reads every delivery too: each is loaded once (SharedShards).
        options.InCommitmentsShard(shard => shard.Add<DeliveryTotalsProjection>());
        options.Events.EnableEventTypeIndex = true;
        // The delivery path's cache forgets a commitment whenever another command changes it.
        options.Listeners.Add(new ForgetChangedCommitments(cache));
    }

    public static IServiceCollection AddCommitmentServices(this IServiceCollection services, CommitmentCache cache) =>
        services.AddSingleton<Workstreams>().AddSingleton(cache);
}
