using Marten;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// Deletes claimed <c>Idempotency-Key</c>s past their retention, hourly, so the table holds about a day of keyed writes
/// rather than all of them. Every node may run it: a delete of what another node deleted deletes nothing. A failure
/// (the database away) is logged and tried again at the next hour.
/// </summary>
public sealed class IdempotencyPurge(IDocumentStore store, TimeProvider clock, IConfiguration configuration, ILogger<IdempotencyPurge> logger)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await Purge(store, clock.GetUtcNow() - Idempotency.Retention(configuration), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Expired idempotency keys could not be purged: trying again in {Every}", Every);
            }
        }
    }

    /// <summary>Deletes the keys claimed before <paramref name="claimedBefore"/> (through the index on their claim time).</summary>
    public static async Task Purge(IDocumentStore store, DateTimeOffset claimedBefore, CancellationToken token)
    {
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotencyRecord>(r => r.ClaimedAt < claimedBefore);
        await session.SaveChangesAsync(token);
    }
}
