namespace LoiTracker.Domain.Risk;

/// <summary>Where the risk model reads the graph from: the database for the daemon, a dictionary in tests.</summary>
public interface IRiskGraphSource
{
    /// <summary>The current facts of these commitments (those not found are left out).</summary>
    Task<IReadOnlyDictionary<Guid, CommitmentRiskFacts>> Facts(IReadOnlyCollection<Guid> ids);

    /// <summary>The risk last worked out for these commitments (those never worked out are left out).</summary>
    Task<IReadOnlyDictionary<Guid, NodeRisk>> Risks(IReadOnlyCollection<Guid> ids);

    /// <summary>The commitments that depend directly on <paramref name="ids"/>.</summary>
    Task<IReadOnlyCollection<Guid>> Downstream(IReadOnlyCollection<Guid> ids);
}

/// <summary>
/// Risk over the dependency graph. <see cref="Evaluate"/> works everything out from scratch (the reference);
/// <see cref="Recompute"/> works out only what a change can move: the changed commitments, then, wave by wave, what
/// depends on a commitment whose risk or facts changed. The graph has no cycles (declaring one is refused), so the
/// waves end; a node reached twice is worked out again with its upstream's newest risk, so the result is the reference's.
/// </summary>
public static class RiskGraph
{
    /// <summary>Every commitment's risk at <paramref name="now"/>, upstream first (iteratively: a long chain must not exhaust the stack).</summary>
    public static Dictionary<Guid, NodeRisk> Evaluate(IReadOnlyDictionary<Guid, CommitmentRiskFacts> facts, DateTimeOffset now)
    {
        var risks = new Dictionary<Guid, NodeRisk>();
        foreach (var id in UpstreamFirst(facts))
            risks[id] = RiskRules.Evaluate(facts[id], up => facts.TryGetValue(up, out var f) && risks.TryGetValue(up, out var r) ? new UpstreamState(f, r) : null, now);
        return risks;
    }

    /// <summary>An order in which every commitment comes after what it depends on (edges to unknown commitments ignored).</summary>
    public static IReadOnlyList<Guid> UpstreamFirst(IReadOnlyDictionary<Guid, CommitmentRiskFacts> facts)
    {
        var waiting = facts.ToDictionary(f => f.Key, f => f.Value.Upstream.Select(e => e.UpstreamCommitmentId).Where(facts.ContainsKey).Distinct().Count());
        var downstream = new Dictionary<Guid, List<Guid>>();
        foreach (var (id, f) in facts)
        foreach (var up in f.Upstream.Select(e => e.UpstreamCommitmentId).Where(facts.ContainsKey).Distinct())
            (downstream.TryGetValue(up, out var list) ? list : downstream[up] = []).Add(id);
        var ready = new Queue<Guid>(waiting.Where(w => w.Value == 0).Select(w => w.Key).Order());
        var order = new List<Guid>(facts.Count);
        while (ready.Count > 0)
        {
            var id = ready.Dequeue();
            order.Add(id);
            foreach (var next in downstream.GetValueOrDefault(id) ?? [])
                if (--waiting[next] == 0) ready.Enqueue(next);
        }
        if (order.Count != facts.Count) throw new InvalidOperationException("The dependency graph has a cycle: declaring one must have been refused.");
        return order;
    }

    /// <summary>
    /// The risks that change when <paramref name="changed"/> (commitments whose facts changed, or whose own dates the
    /// clock crossed) are worked out again at <paramref name="now"/>, with everything that depends on them: only the
    /// commitments whose risk differs from what the source holds are returned, for the caller to store.
    /// <paramref name="changedForThemselves"/> are commitments whose change no dependent reads (a delivery: quantities
    /// feed only the commitment's own risk, never a dependent's): what depends on them is worked out again only when
    /// their own risk moves.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, NodeRisk>> Recompute(IReadOnlyCollection<Guid> changed, IRiskGraphSource source, DateTimeOffset now,
        IReadOnlyCollection<Guid>? changedForThemselves = null)
    {
        var updated = new Dictionary<Guid, NodeRisk>();
        var facts = new Dictionary<Guid, CommitmentRiskFacts>();
        var known = new Dictionary<Guid, NodeRisk>();
        // A commitment whose facts changed can move what depends on it (a schedule conflict) even if its risk stays.
        var wave = changed.Concat(changedForThemselves ?? []).ToHashSet();
        var forced = changed.ToHashSet();
        for (var round = 0; wave.Count > 0; round++)
        {
            if (round > 100_000) throw new InvalidOperationException("Risk did not settle: the dependency graph must have a cycle.");
            var need = wave.Where(id => !facts.ContainsKey(id)).ToList();
            foreach (var (id, f) in await source.Facts(need)) facts[id] = f;
            var upstreamIds = wave.Where(facts.ContainsKey).SelectMany(id => facts[id].Upstream.Select(e => e.UpstreamCommitmentId)).Distinct()
                .Where(id => !facts.ContainsKey(id)).ToList();
            foreach (var (id, f) in await source.Facts(upstreamIds)) facts[id] = f;
            var unknownRisks = wave.Concat(wave.Where(facts.ContainsKey).SelectMany(id => facts[id].Upstream.Select(e => e.UpstreamCommitmentId)))
                .Distinct().Where(id => !known.ContainsKey(id) && !updated.ContainsKey(id)).ToList();
            foreach (var (id, r) in await source.Risks(unknownRisks)) known[id] = r;

            var moved = new List<Guid>();
            foreach (var id in Order(wave, facts))
            {
                var before = updated.GetValueOrDefault(id) ?? known.GetValueOrDefault(id);
                if (!facts.TryGetValue(id, out var f))
                {
                    // Gone (or never a commitment): nothing to hold, but what depends on it loses what it inherited.
                    if (before is not null && !before.SameAs(NodeRisk.Nothing)) { updated[id] = NodeRisk.Nothing; moved.Add(id); }
                    continue;
                }
                var after = RiskRules.Evaluate(f, up => facts.TryGetValue(up, out var uf)
                    ? new UpstreamState(uf, updated.GetValueOrDefault(up) ?? known.GetValueOrDefault(up) ?? NodeRisk.Nothing) : null, now);
                if (before is null || !before.SameAs(after))
                {
                    updated[id] = after;
                    moved.Add(id);
                }
                else if (forced.Contains(id)) moved.Add(id);
            }
            forced.Clear();
            wave = moved.Count == 0 ? [] : [.. await source.Downstream(moved)];
        }
        return updated;
    }

    // Within a wave, upstream first where the wave holds both ends, so one round settles a chain it covers.
    private static IEnumerable<Guid> Order(IReadOnlyCollection<Guid> wave, IReadOnlyDictionary<Guid, CommitmentRiskFacts> facts)
    {
        var inWave = wave.Where(facts.ContainsKey).ToDictionary(id => id, id => facts[id]);
        return [.. UpstreamFirst(inWave), .. wave.Where(id => !facts.ContainsKey(id))];
    }
}
