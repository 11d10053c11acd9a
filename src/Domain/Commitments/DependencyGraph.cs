namespace LoiTracker.Domain.Commitments;

/// <summary>
/// Commitments and what each needs first (finish-to-start). A dependency on a milestone counts as one on the
/// milestone's commitment: that commitment cannot start before what it depends on is done. Built from the part of the
/// store that matters (what a commitment reaches upstream), never from every dependency there is.
/// </summary>
public sealed class DependencyGraph
{
    private readonly Dictionary<Guid, Node> _nodes = [];

    private sealed record Node(string Title, List<Guid> Needs);

    /// <summary>Records that <paramref name="from"/> (titled <paramref name="title"/>) needs <paramref name="to"/> first.</summary>
    public DependencyGraph Add(Guid from, string title, Guid to)
    {
        Known(from, title).Needs.Add(to);
        return this;
    }

    /// <summary>Names a commitment that needs nothing (or whose needs are not loaded), so a chain through it reads well.</summary>
    public DependencyGraph Name(Guid id, string title)
    {
        Known(id, title);
        return this;
    }

    public bool Contains(Guid id) => _nodes.ContainsKey(id);

    public IReadOnlyList<Guid> NeedsOf(Guid id) => _nodes.TryGetValue(id, out var node) ? node.Needs : [];

    /// <summary>
    /// The titles along a chain of dependencies from <paramref name="from"/> to <paramref name="to"/>, or null if there is
    /// none: declaring that <paramref name="to"/> needs <paramref name="from"/> would then close a cycle.
    /// </summary>
    public IReadOnlyList<string>? PathBetween(Guid from, Guid to, string toTitle)
    {
        // Breadth first, iteratively: a long chain must not exhaust the stack, and the shortest cycle reads best.
        var cameFrom = new Dictionary<Guid, Guid> { [from] = from };
        var queue = new Queue<Guid>([from]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (node == to)
            {
                var path = new List<Guid>();
                for (var at = node; ; at = cameFrom[at])
                {
                    path.Add(at);
                    if (at == from) break;
                }
                path.Reverse();
                return [.. path.Select(id => id == to ? toTitle : TitleOf(id))];
            }
            foreach (var next in NeedsOf(node))
                if (cameFrom.TryAdd(next, node)) queue.Enqueue(next);
        }
        return null;
    }

    private string TitleOf(Guid id) => _nodes.TryGetValue(id, out var node) ? node.Title : $"Commitment {id}";

    private Node Known(Guid id, string title)
    {
        if (!_nodes.TryGetValue(id, out var node)) _nodes[id] = node = new Node(title, []);
        return node;
    }
}
