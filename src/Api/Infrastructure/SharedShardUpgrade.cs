using LoiTracker.Projections.Common;
using Marten;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// Before the daemon starts (registered ahead of Wolverine, and hosted services start one after another), a database
/// from before the shared shard continues from its views' own progress (<see cref="SharedShards.ContinueFromSeparateShards"/>).
/// Nothing to do on a new database, or when the database cannot be reached: the daemon then waits as it always does.
/// </summary>
public sealed class SharedShardUpgrade(IDocumentStore store, ILogger<SharedShardUpgrade> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SharedShards.ContinueFromSeparateShards(store, cancellationToken);
        }
        catch (Exception e) when (DatabaseFailures.IsUnreachable(e))
        {
            logger.LogWarning(e, "Could not check the daemon's progress rows for the shared shard: the database is unreachable");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
