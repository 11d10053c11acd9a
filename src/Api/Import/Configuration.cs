using System.ComponentModel;
using JasperFx.Events.Projections;
using LoiTracker.Projections.Imports;
using Marten;

namespace LoiTracker.Api.Import;

[Description("Bulk import of a bundle of parties, agreements, conditions, commitments and milestones, all or nothing, matched by the bundle author's keys so a second import creates nothing.")]
public static class Configuration
{
    public static void AddImports(this StoreOptions options) =>
        options.Projections.Add<ImportKeyProjection>(ProjectionLifecycle.Inline);

    public static IServiceCollection AddSampleData(this IServiceCollection services) =>
        services.AddSingleton<SampleData>().AddHostedService(s => s.GetRequiredService<SampleData>());
}
