using Marten;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// Stops the store's background writer when the Api stops. After a failed commit Marten queues a "tombstone" write
/// (bookkeeping for the daemon) and retries it until it succeeds; with the database gone, disposing the store waits for
/// that queue forever, and the process never exits (seen: a stop that took 51 s, a process still spinning after five
/// minutes). Here the queue gets a short grace to drain, then is cancelled: the daemon copes with the gap either way.
/// </summary>
public sealed class StoreShutdown(IDocumentStore store, ILogger<StoreShutdown> logger) : IHostedService
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (store.Options.Events is not IAsyncDisposable events) return;
        var drained = events.DisposeAsync().AsTask();
        if (await Task.WhenAny(drained, Task.Delay(Grace, CancellationToken.None)) == drained) return;
        logger.LogWarning("The event store's background writes did not finish within {Grace}: left to the daemon", Grace);
        (events as IDisposable)?.Dispose();
    }
}
