namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// For <c>./bench.sh import</c> only (docs/benchmarks.md), and only when <c>Diagnostics:HeapPeakFile</c> names a file:
/// samples the managed heap every 10 ms and keeps in that file the highest it has seen since the process started and
/// the current size, in bytes ("peak current"). Nothing of the sort exists in the Api otherwise.
/// </summary>
public sealed class HeapPeak(string path) : BackgroundService
{
    public const string Setting = "Diagnostics:HeapPeakFile";

    public static void AddIfConfigured(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[Setting] is { Length: > 0 } path) services.AddHostedService(_ => new HeapPeak(path));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long peak = 0, lastCollection = -1;
        var ticks = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = GC.GetTotalMemory(forceFullCollection: false);
                peak = Math.Max(peak, now);
                // The heap is largest just before a collection: what the last one found counts too.
                var last = GC.GetGCMemoryInfo(GCKind.Any);
                if (last.Index != lastCollection)
                {
                    lastCollection = last.Index;
                    long before = 0;
                    foreach (var generation in last.GenerationInfo) before += generation.SizeBeforeBytes;
                    peak = Math.Max(peak, before);
                }
                if (++ticks % 10 != 0) continue;
                // Replaced whole, so a reader never sees half a line.
                await File.WriteAllTextAsync(path + ".new", $"{peak} {now}\n", CancellationToken.None);
                File.Move(path + ".new", path, overwrite: true);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
