using LoiTracker.Api.Access;
using LoiTracker.Domain.Risk;
using LoiTracker.Projections.Risk;

namespace LoiTracker.Api.Risk;

/// <summary>A commitment in the drawing, with its level.</summary>
public sealed record RiskGraphNode(Guid Id, string Title, string Workstream, string Level);

/// <summary>
/// A dependency in the drawing: <c>from</c> needs <c>to</c> first. <c>conflict</c>: the upstream falls due after the
/// downstream must start. <c>to</c> is null when it lies outside the reader's scope (it exists; what it is, is not shown).
/// </summary>
public sealed record RiskGraphEdge(Guid DependencyId, Guid From, Guid? To, Guid? ToMilestone, bool Conflict, bool Illustrative, bool OutsideScope);

public sealed record RiskDrawing(IReadOnlyList<RiskGraphNode> Nodes, IReadOnlyList<RiskGraphEdge> Edges, bool Truncated);

public static class GetRiskGraphEndpoint
{
    public const int MaxNodes = 500;
    public const int MaxDepth = 6;

    /// <summary>
    /// Nodes and edges with their risk, for drawing. With <c>root</c>: its neighbourhood, <c>depth</c> hops up and down
    /// (2 by default, 6 at most). Without: every commitment the reader sees that has a risk or a dependency, worst first,
    /// with the commitments they depend on, up to 500 (<c>truncated</c> says when more exist). <c>limit</c> asks for fewer
    /// nodes (a drawing of 60 has no use for 500: ADR 23), the worst kept.
    /// </summary>
    [WolverineGet("/api/risk/graph"), Authorize(Policy = Can.Read)]
    [Scoped("the commitments the user sees; a root it does not see is a 404, an edge to one is shown without its end")]
    public static async Task<RiskDrawing> Get(Guid? root, int? depth, int? limit, IQuerySession session, Visibility visibility, CancellationToken token)
    {
        var errors = new Dictionary<string, string[]>();
        if (depth is < 1 or > MaxDepth) errors["depth"] = [$"Give a depth from 1 to {MaxDepth}."];
        if (limit is < 1 or > MaxNodes) errors["limit"] = [$"Ask for 1 to {MaxNodes} commitments."];
        if (errors.Count > 0) throw new InvalidRequest(errors);
        var most = limit ?? MaxNodes;
        var views = new Dictionary<Guid, RiskView>();
        var truncated = false;
        if (root is { } start)
        {
            if (!await visibility.Sees(ScopedKind.Commitment, start)) throw new NotFound("Commitment", start);
            // A commitment the daemon has not reached yet is drawn alone, with no level: nothing is claimed about it.
            views[start] = await session.LoadAsync<RiskView>(start, token)
                           ?? (await session.LoadAsync<Projections.Commitments.CommitmentView>(start, token) is { } made
                               ? new RiskView { Id = made.Id, Title = made.Title, Workstream = made.Workstream, AgreementId = made.AgreementId }
                               : throw new NotFound("Commitment", start));
            var graph = new StoredRiskGraph(session, token);
            IReadOnlyCollection<Guid> frontier = [start];
            for (var hop = 0; hop < (depth ?? 2) && frontier.Count > 0 && views.Count < most; hop++)
            {
                var next = frontier.SelectMany(id => views[id].UpstreamIds).Concat(await graph.Downstream(frontier)).Where(id => !views.ContainsKey(id)).Distinct()
                    .Take(most - views.Count).ToArray();
                foreach (var view in await session.LoadManyAsync<RiskView>(token, next)) views[view.Id] = view;
                frontier = [.. next.Where(views.ContainsKey)];
            }
            truncated = views.Count >= most;
        }
        else
        {
            var page = await visibility.Page(() => session.Query<RiskView>().Where(r => r.Rank > 0 || r.UpstreamIds.Count > 0)
                .OrderByDescending(r => r.Rank).ThenBy(r => r.Title).ThenBy(r => r.Id), new Paging(1, most), token);
            foreach (var view in page.Items) views[view.Id] = view;
            // What they depend on is drawn too (a commitment with no risk and no dependency of its own is not in the page),
            // so every edge has both ends: floating data centers hang on floating power plants, which risk nothing yet.
            var ends = views.Values.SelectMany(v => v.UpstreamIds).Where(id => !views.ContainsKey(id)).Distinct().ToArray();
            foreach (var view in await session.LoadManyAsync<RiskView>(token, ends.Take(most - views.Count))) views[view.Id] = view;
            truncated = page.Total > most || ends.Length > most - page.Items.Count;
        }

        var seen = await visibility.Visible(ScopedKind.Commitment, views.Keys.Concat(views.Values.SelectMany(v => v.UpstreamIds)));
        var shown = views.Values.Where(v => seen.Contains(v.Id)).ToList();
        return new RiskDrawing(
            [.. shown.Select(v => new RiskGraphNode(v.Id, v.Title, v.Workstream, RiskLevelNames.Of(v.Level)))],
            [.. shown.SelectMany(v => v.Edges.Select(e => seen.Contains(e.UpstreamCommitmentId)
                ? new RiskGraphEdge(e.DependencyId, v.Id, e.UpstreamCommitmentId, e.UpstreamMilestoneId, e.Conflict, e.Illustrative, false)
                : new RiskGraphEdge(e.DependencyId, v.Id, null, null, false, e.Illustrative, true)))],
            truncated);
    }
}
