namespace LoiTracker.Api.Dashboard;

/// <summary>A commitment as the risk graph draws it.</summary>
public sealed record GraphNode(Guid Id, string Title, string Level);

/// <summary>A dependency: <see cref="From"/> needs <see cref="To"/> first.</summary>
public sealed record GraphEdge(Guid From, Guid To, bool Conflict, bool Illustrative);

public sealed record PlacedNode(GraphNode Node, int Column, int Row, int X, int Y);

public sealed record PlacedEdge(GraphEdge Edge, PlacedNode From, PlacedNode To);

/// <summary>The drawing: placed nodes and edges, its size, and how many commitments were left out to keep it readable.</summary>
public sealed record GraphLayout(IReadOnlyList<PlacedNode> Nodes, IReadOnlyList<PlacedEdge> Edges, int Width, int Height, int LeftOut);

/// <summary>
/// A deterministic layered layout (ADR 23), computed on the server because the page runs no script: each commitment one
/// column right of the furthest thing it depends on (longest path), so arrows from dependent to dependency point left;
/// within a column, rows follow the rows of what they depend on, then the title. At most <see cref="MostDrawn"/> nodes.
/// </summary>
public static class RiskGraphLayout
{
    public const int MostDrawn = 60;
    public const int NodeWidth = 230;
    public const int NodeHeight = 66;
    public const int ColumnGap = 110;
    public const int RowGap = 28;
    public const int Margin = 16;

    /// <summary>
    /// Lays out the first <see cref="MostDrawn"/> nodes (the API sends the worst first), always keeping
    /// <paramref name="keep"/> (the root or the selected commitment); edges to nodes not drawn are left to the caller.
    /// </summary>
    public static GraphLayout Of(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges, params Guid?[] keep)
    {
        var kept = keep.OfType<Guid>().ToHashSet();
        var drawn = nodes.Where(n => kept.Contains(n.Id)).Concat(nodes.Where(n => !kept.Contains(n.Id))).DistinctBy(n => n.Id).Take(MostDrawn)
            .ToDictionary(n => n.Id);
        var inside = edges.Where(e => e.From != e.To && drawn.ContainsKey(e.From) && drawn.ContainsKey(e.To)).ToList();
        var dependsOn = inside.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().ToList());

        var column = Columns(drawn.Keys, dependsOn);
        var rows = new Dictionary<Guid, int>();
        foreach (var group in drawn.Values.GroupBy(n => column[n.Id]).OrderBy(g => g.Key))
        {
            // Level with what it depends on (their mean row) where free, else just below; then by title: the same graph
            // is always drawn the same way, and short arrows stay short.
            double Wanted(GraphNode n) => dependsOn.TryGetValue(n.Id, out var ups) ? ups.Average(u => rows.GetValueOrDefault(u)) : double.MaxValue;
            var next = 0;
            foreach (var n in group.OrderBy(Wanted).ThenBy(n => n.Title, StringComparer.Ordinal).ThenBy(n => n.Id))
            {
                var wanted = Wanted(n);
                rows[n.Id] = next = wanted == double.MaxValue ? next : Math.Max(next, (int)Math.Round(wanted, MidpointRounding.AwayFromZero));
                next++;
            }
        }

        var placed = drawn.Values.ToDictionary(n => n.Id, n => new PlacedNode(n, column[n.Id], rows[n.Id],
            Margin + column[n.Id] * (NodeWidth + ColumnGap), Margin + rows[n.Id] * (NodeHeight + RowGap)));
        var columns = placed.Count == 0 ? 0 : placed.Values.Max(p => p.Column) + 1;
        var tallest = placed.Count == 0 ? 0 : placed.Values.Max(p => p.Row) + 1;
        return new GraphLayout(
            [.. placed.Values.OrderBy(p => p.Column).ThenBy(p => p.Row)],
            [.. inside.Select(e => new PlacedEdge(e, placed[e.From], placed[e.To]))],
            Math.Max(NodeWidth, 2 * Margin + columns * NodeWidth + Math.Max(0, columns - 1) * ColumnGap),
            Math.Max(NodeHeight, 2 * Margin + tallest * NodeHeight + Math.Max(0, tallest - 1) * RowGap),
            Math.Max(0, nodes.DistinctBy(n => n.Id).Count() - drawn.Count));
    }

    /// <summary>Longest path from what depends on nothing drawn, upstream first (Kahn); a cycle, refused by the API, would stay in column 0.</summary>
    private static Dictionary<Guid, int> Columns(IEnumerable<Guid> ids, IReadOnlyDictionary<Guid, List<Guid>> dependsOn)
    {
        var column = ids.ToDictionary(id => id, _ => 0);
        var waiting = column.Keys.ToDictionary(id => id, id => dependsOn.TryGetValue(id, out var ups) ? ups.Count : 0);
        var dependents = dependsOn.SelectMany(d => d.Value.Select(up => (Up: up, Down: d.Key))).ToLookup(p => p.Up, p => p.Down);
        var ready = new Queue<Guid>(waiting.Where(w => w.Value == 0).Select(w => w.Key).Order());
        while (ready.Count > 0)
        {
            var id = ready.Dequeue();
            foreach (var down in dependents[id])
            {
                column[down] = Math.Max(column[down], column[id] + 1);
                if (--waiting[down] == 0) ready.Enqueue(down);
            }
        }
        return column;
    }
}
