using LoiTracker.Projections.Audit;

namespace LoiTracker.Api.Audit;

/// <summary>
/// Copies each new event's commit time, actor, reason and source into the audit model, every <see cref="Every"/>
/// (ADR 18), and seals what the copy has made final, every <see cref="SealEvery"/> (ADR 28). Each run catches up from its
/// mark, so what it missed while down is copied and sealed at the next run; runs on several Api processes at once are
/// safe (the primary keys keep each event and each seal once). Tests call <see cref="AuditCopy.Run"/> and
/// <see cref="AuditSeals.Seal"/>.
/// </summary>
public sealed class AuditJob(IDocumentStore store, TimeProvider clock, IConfiguration configuration, Sealing sealing, ILogger<AuditJob> logger)
    : BackgroundService
{
    public TimeSpan Every => TimeSpan.FromMilliseconds(Math.Clamp(configuration.GetValue("Audit:IntervalMilliseconds", 1000), 50, 60_000));

    // A seal a minute: few rows (a day is 1,440 seals), and what is younger than that is still in the copy's hands anyway.
    public TimeSpan SealEvery => TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Audit:SealEverySeconds", 60), 1, 3_600));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (sealing.Key is null)
            logger.LogWarning("No audit sealing key is configured (Audit:SealingKey): seals carry their digests only, without a signature (ADR 28).");
        using var timer = new PeriodicTimer(Every, clock);
        var sealedAt = DateTimeOffset.MinValue;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await AuditCopy.Run(store, stoppingToken);
                if (clock.GetUtcNow() - sealedAt >= SealEvery)
                {
                    await AuditSeals.Seal(store, sealing.Key, stoppingToken);
                    sealedAt = clock.GetUtcNow();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The audit job failed: trying again in {Every}", Every);
            }
        }
    }
}
