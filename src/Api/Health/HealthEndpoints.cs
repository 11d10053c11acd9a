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
            // Not ready when the database does not answer within two seconds: a stalled database must not hang the probe.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
            deadline.CancelAfter(TimeSpan.FromSeconds(2));
            await using var session = store.QuerySession();
            await session.QueryAsync<int>("select 1", deadline.Token);
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
