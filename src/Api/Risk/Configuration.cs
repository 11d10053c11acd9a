using System.ComponentModel;
using JasperFx.Events.Projections;
using LoiTracker.Projections.Risk;
using LoiTracker.Projections.Common;

namespace LoiTracker.Api.Risk;

[Description("Dependency risk: what is at risk, why (the chain that leads there), and what a slip would hit. Kept by the daemon from the events and the clock (ADR 17).")]
public static class Configuration
{
    public static void AddRisk(this StoreOptions options, Func<TimeProvider> clock)
    {
        // Async: risk hangs on other streams and on the clock; the daemon is its one writer, the sweep tells it when dates pass.
        // One shard with delivery totals, which read every delivery too: each is loaded once (SharedShards). A rebuild
        // clears the views first (a custom projection in a composite declares what it writes).
        options.InCommitmentsShard(shard => shard.Add(new RiskProjection(clock), risk => risk.DeleteViewTypeOnTeardown<RiskView>()));
        options.Schema.For<RiskView>()
            .Index(x => x.Rank).Index(x => x.NextChangeAt!).Index(x => x.AgreementId).Index(x => x.Workstream)
            // "What depends on X" and "every risk Samsung SDS is part of": containment on upstreamIds and parties.
            .GinIndexJsonData();
    }

    public static IServiceCollection AddRiskServices(this IServiceCollection services) => services.AddHostedService<RiskSweep>();
}
