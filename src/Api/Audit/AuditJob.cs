using LoiTracker.Projections.Audit;

namespace LoiTracker.Api.Audit;

/// <summary>
/// Copies each new event's commit time, actor, reason and source into the audit model, every <see cref="Every"/>
/// (ADR 18). Each run catches up from its mark, so what it missed while down is copied at the next run; runs on several
/// Api processes at once are safe (the primary key keeps each event once). Tests call <see cref="AuditCopy.Run"/>.
/// </summary>
public sealed class AuditJob(IDocumentStore store, TimeProvider clock, IConfiguration configuration, ILogger<AuditJob> logger) : BackgroundService
{
    public TimeSpan Every => TimeSpan.FromMilliseconds(Math.Clamp(configuration.GetValue("Audit:IntervalMilliseconds", 1000), 50, 60_000));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await AuditCopy.Run(store, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The audit job failed: trying again in {Every}", Every);
            }
        }
    }
}
