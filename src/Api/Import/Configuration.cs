using JasperFx.Events.Projections;
using LoiTracker.Projections.Imports;
using Marten;

namespace LoiTracker.Api.Import;

public static class Configuration
{
    public static void AddImports(this StoreOptions options) =>
        options.Projections.Add<ImportKeyProjection>(ProjectionLifecycle.Inline);

    public static IServiceCollection AddSampleData(this IServiceCollection services) =>
        services.AddSingleton<SampleData>().AddHostedService(s => s.GetRequiredService<SampleData>());
}
