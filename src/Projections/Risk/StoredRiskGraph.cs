using LoiTracker.Domain.Risk;

namespace LoiTracker.Projections.Risk;

/// <summary>
/// The dependency graph as the database holds it, for <see cref="RiskGraph.Recompute"/> and the impact of a slip:
/// facts from the inline views, risks from <see cref="RiskView"/>, and "what depends on X" through the GIN index on
/// the risk documents' <c>upstreamIds</c>. It remembers what it read, so a wave never reads a commitment twice.
/// </summary>
public sealed class StoredRiskGraph(IQuerySession session, CancellationToken token) : IRiskGraphSource
{
    private const int PerStatement = 100;
    public Dictionary<Guid, CommitmentRiskFacts> FactsRead { get; } = [];
    public Dictionary<Guid, RiskView> ViewsRead { get; } = [];

    public async Task<IReadOnlyDictionary<Guid, CommitmentRiskFacts>> Facts(IReadOnlyCollection<Guid> ids)
    {
        var missing = ids.Where(id => !FactsRead.ContainsKey(id)).ToList();
        foreach (var (id, f) in await RiskFactsReader.For(session, missing, token)) FactsRead[id] = f;
        return ids.Where(FactsRead.ContainsKey).Distinct().ToDictionary(id => id, id => FactsRead[id]);
    }

    public async Task<IReadOnlyDictionary<Guid, NodeRisk>> Risks(IReadOnlyCollection<Guid> ids)
    {
        var missing = ids.Where(id => !ViewsRead.ContainsKey(id)).Distinct().ToArray();
        if (missing.Length > 0)
            foreach (var view in await session.LoadManyAsync<RiskView>(token, missing)) ViewsRead[view.Id] = view;
        return ids.Where(ViewsRead.ContainsKey).Distinct().ToDictionary(id => id, id => ViewsRead[id].Risk);
    }

    public async Task<IReadOnlyCollection<Guid>> Downstream(IReadOnlyCollection<Guid> ids)
    {
        var table = session.DocumentStore.Options.Schema.For<RiskView>(qualified: true);
        var found = new HashSet<Guid>();
        foreach (var chunk in ids.Distinct().Chunk(PerStatement))
        {
            var sql = string.Join(" union ", chunk.Select(_ => $"select d.id from {table} d where d.data @> ?::jsonb"));
            var rows = await session.AdvancedSql.QueryAsync<IdList>(
                $"select json_build_object('ids', coalesce(json_agg(x.id), '[]')) from ({sql}) x", token,
                [.. chunk.Select(id => (object)$$"""{"upstreamIds":["{{id}}"]}""")]);
            found.UnionWith(rows.Single().Ids);
        }
        return found;
    }

    private sealed record IdList(List<Guid> Ids);
}
