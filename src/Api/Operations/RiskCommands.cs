using System.Diagnostics;
using System.Runtime;
using JasperFx;
using JasperFx.CommandLine;
using LoiTracker.Domain.Risk;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Risk;

namespace LoiTracker.Api.Operations;

public sealed class MeasureRiskInput : NetCoreInput
{
    [Description("Timed loads of every commitment's facts, after one untimed. Default: 5.")]
    public int LoadsFlag { get; set; } = 5;

    [Description("Timed propagations over the loaded graph, after the warm-up. Default: 20.")]
    public int RepetitionsFlag { get; set; } = 20;

    [Description("Untimed propagations first (the JIT's tiers). Default: 5.")]
    public int WarmupFlag { get; set; } = 5;
}

/// <summary>
/// <c>measure-risk</c> (./bench.sh risk): how long the whole dependency graph takes to load and, apart, to propagate risk
/// over once loaded. Loading is <see cref="RiskFactsReader"/> over every commitment, as the daemon reads any set of
/// commitments; propagating is <see cref="RiskGraph.Evaluate"/>, the from-scratch reference, in memory. It reads and
/// writes nothing else, and starts no hosted service (no daemon, no sweep): safe beside a serving Api.
/// </summary>
[Description("Times loading every commitment's risk facts and, apart, propagating risk over the loaded graph (writes nothing).", Name = "measure-risk")]
public sealed class MeasureRiskCommand : JasperFxAsyncCommand<MeasureRiskInput>
{
    public override async Task<bool> Execute(MeasureRiskInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();

        Guid[] ids;
        await using (var session = store.QuerySession()) ids = [.. await session.Query<CommitmentView>().Select(c => c.Id).ToListAsync()];

        // Each load in a session of its own, as a daemon batch has: nothing is cached from one load to the next.
        async Task<Dictionary<Guid, CommitmentRiskFacts>> Load()
        {
            await using var session = store.QuerySession();
            return await RiskFactsReader.For(session, ids, CancellationToken.None);
        }
        var facts = await Load();
        var loads = new List<double>();
        for (var i = 0; i < input.LoadsFlag; i++)
        {
            var watch = Stopwatch.StartNew();
            facts = await Load();
            loads.Add(watch.Elapsed.TotalMilliseconds);
        }

        Dictionary<Guid, NodeRisk> risks = [];
        for (var i = 0; i < input.WarmupFlag; i++) risks = RiskGraph.Evaluate(facts, now);
        // Per run, besides the wall clock: whether a collection ran and the process's CPU time, so a slow run says whether
        // it waited for the GC or for a core (on shared cores CPU time stays low while the wall clock runs on).
        var runs = new List<double>();
        var withGc = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        var pausedBefore = GC.GetTotalPauseDuration();
        var gensBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        for (var i = 0; i < input.RepetitionsFlag; i++)
        {
            var collections = GC.CollectionCount(0);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            risks = RiskGraph.Evaluate(facts, now);
            runs.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            if (GC.CollectionCount(0) != collections) withGc.Add(runs[^1]);
        }
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var gens = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - gensBefore[g]).ToArray();

        // What the daemon keeps, against this from-scratch evaluation (they differ only where the clock crossed a date since).
        Dictionary<Guid, RiskLevel> kept;
        await using (var session = store.QuerySession())
            kept = (await session.LoadManyAsync<RiskView>(ids)).ToDictionary(v => v.Id, v => v.Level);

        var edges = facts.Values.Sum(f => f.Upstream.Count);
        var levels = risks.Values.GroupBy(r => r.Level).OrderBy(g => g.Key).Select(g => $"{RiskLevelNames.Of(g.Key)} {g.Count()}");
        Console.WriteLine($"measure-risk: {facts.Count} commitments, {edges} dependency edges, as of {now:u}");
        Console.WriteLine($"load (RiskFactsReader.For, every commitment): median {Median(loads):0.0} ms, min {loads.DefaultIfEmpty().Min():0.0} ms, " +
                          $"max {loads.DefaultIfEmpty().Max():0.0} ms ({loads.Count} loads after 1 untimed)");
        Console.WriteLine($"propagate (RiskGraph.Evaluate, loaded graph): median {Median(runs):0.0} ms, p95 {Percentile(runs, 0.95):0.0} ms, " +
                          $"min {runs.DefaultIfEmpty().Min():0.0} ms ({runs.Count} runs after {input.WarmupFlag} untimed)");
        Console.WriteLine($"propagate, where the time went: GC paused {paused.TotalMilliseconds:0} ms over the {runs.Count} runs " +
                          $"(collections: gen0 {gens[0]}, gen1 {gens[1]}, gen2 {gens[2]}; {withGc.Count} runs saw one, median {Median(withGc):0.0} ms); " +
                          $"process CPU per run median {Median(cpu):0.0} ms, max {cpu.DefaultIfEmpty().Max():0.0} ms ({(GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
                          $"{Environment.ProcessorCount} cores)");
        Console.WriteLine($"levels: {string.Join(", ", levels)}");
        Console.WriteLine($"kept by the daemon: {risks.Count(r => kept.TryGetValue(r.Key, out var l) && l == r.Value.Level)} of {risks.Count} at the same level " +
                          $"({risks.Count(r => !kept.ContainsKey(r.Key))} not worked out yet)");
        return true;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }
}
