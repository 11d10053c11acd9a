using LoiTracker.Domain.Risk;
using LoiTracker.Projections.Risk;

namespace LoiTracker.Api.Risk;

/// <summary>
/// Dates cross risk thresholds without any event (a milestone falls due at midnight in its zone). Every minute, by the
/// injected clock, the sweep finds the commitments whose <see cref="RiskView.NextChangeAt"/> has passed (an index) and
/// records <see cref="RiskClockAdvanced"/> for them, so the daemon, the one writer of risk, works them out again. Its
/// watermark is that column: what it missed while down is still due, and is caught up at the next run. Business
/// instants are never turned into message delays (they fire on the wall clock); tests call <see cref="Run"/> directly.
/// </summary>
public sealed class RiskSweep(IDocumentStore store, TimeProvider clock, ILogger<RiskSweep> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    public const int MostPerRun = 5_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await Run(store, clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The risk sweep failed: trying again in {Every}", Every);
            }
        }
    }

    /// <summary>Records the commitments whose own dates <paramref name="now"/> has crossed; returns how many.</summary>
    public static async Task<int> Run(IDocumentStore store, DateTimeOffset now, CancellationToken token)
    {
        await using var session = store.LightweightSession();
        var due = await session.Query<RiskView>().Where(r => r.NextChangeAt <= now).OrderBy(r => r.NextChangeAt).Take(MostPerRun)
            .Select(r => r.Id).ToListAsync(token);
        if (due.Count == 0) return 0;
        // A stream per run: sweeps on several nodes (or a test's and the timer's) never contend for one stream's next version.
        session.Events.StartStream(Ids.New(), new RiskClockAdvanced(now, [.. due]));
        await session.SaveChangesAsync(token);
        return due.Count;
    }
}
