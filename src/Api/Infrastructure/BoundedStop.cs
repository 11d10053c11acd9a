using Wolverine;
using Wolverine.Runtime;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// Wolverine's stop releases node ownership and stops its agents in the database, and ignores the host's shutdown token
/// while it does: with the database stalled those steps wait out one command timeout after another (20 s measured
/// against a 15 s shutdown timeout). Its hosted services are wrapped so the host's stop returns when the shutdown timeout
/// fires; what Wolverine left unfinished (ownership of envelopes, agent leases) a live node reclaims by itself.
/// </summary>
public static class BoundedStop
{
    public static IServiceCollection StopWolverineWithinTheShutdownTimeout(this IServiceCollection services)
    {
        var wolverine = typeof(IWolverineRuntime).Assembly;
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostedService) || descriptor.ImplementationFactory is not { } factory) continue;
            if (factory.Method.DeclaringType?.Assembly != wolverine) continue;
            services[i] = ServiceDescriptor.Singleton<IHostedService>(provider => new StopsInTime(
                (IHostedService)factory(provider), provider.GetRequiredService<ILogger<StopsInTime>>()));
        }
        return services;
    }

    public sealed class StopsInTime(IHostedService inner, ILogger<StopsInTime> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            var stopping = inner.StopAsync(cancellationToken);
            var timedOut = Task.Delay(Timeout.Infinite, cancellationToken);
            if (await Task.WhenAny(stopping, timedOut) == stopping)
            {
                await stopping;
                return;
            }
            logger.LogWarning("{Service} did not stop within the shutdown timeout: left to finish or be reclaimed by a live node",
                inner.GetType().Name);
        }
    }
}
