using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoiTracker.Api.Health;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: and the database does too.</summary>
public sealed class DatabaseReady(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken token = default)
    {
        try
        {
            await using var session = store.QuerySession();
            await session.QueryAsync<int>("select 1", token);
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database is unreachable.", e);
        }
    }
}

public static class HealthEndpoints
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReady>("database", tags: ["ready"]);
        return services;
    }

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
    }
}
