using LoiTracker.Api.Dashboard;

namespace LoiTracker.Web.Tests;

/// <summary>
/// The risk page's layout, without a browser (ADR 23): every arrow goes from a commitment to something drawn left of it,
/// the same graph is drawn the same way, and a graph of the API's 500 commitments is drawn bounded, saying how many were left out.
/// </summary>
public sealed class when_the_risk_graph_is_laid_out
{
    private static GraphNode Node(int i, string level = "none") => new(new Guid(i, 0, 0, new byte[8]), $"Commitment {i:000}", level);

    [Fact]
    public void a_chain_runs_right_to_left_and_is_drawn_the_same_way_twice()
    {
        var nodes = Enumerable.Range(1, 6).Select(i => Node(i)).ToList();
        // 2 needs 1, 3 needs 2, 4 needs 1 and 3, 5 and 6 stand alone.
        var edges = new[] { (2, 1), (3, 2), (4, 1), (4, 3) }.Select(e => new GraphEdge(nodes[e.Item1 - 1].Id, nodes[e.Item2 - 1].Id, false, false)).ToList();

        var layout = RiskGraphLayout.Of(nodes, edges);

        layout.Edges.Count.ShouldBe(4);
        layout.Edges.ShouldAllBe(e => e.From.Column > e.To.Column && e.From.X > e.To.X + RiskGraphLayout.NodeWidth);
        layout.Nodes.Single(n => n.Node.Title == "Commitment 004").Column.ShouldBe(3, "the longest path: 4 → 3 → 2 → 1");
        layout.Nodes.Select(n => (n.X, n.Y)).Distinct().Count().ShouldBe(6, "no two boxes overlap");
        RiskGraphLayout.Of([.. Enumerable.Reverse(nodes)], [.. Enumerable.Reverse(edges)]).Nodes.Select(n => (n.Node.Id, n.X, n.Y))
            .ShouldBe(layout.Nodes.Select(n => (n.Node.Id, n.X, n.Y)), ignoreOrder: true);
    }

    [Fact]
    public void a_graph_of_five_hundred_is_drawn_bounded_keeping_the_selected_commitment()
    {
        var nodes = Enumerable.Range(1, 500).Select(i => Node(i, i <= 10 ? "critical" : "none")).ToList();
        var edges = Enumerable.Range(2, 499).Select(i => new GraphEdge(nodes[i - 1].Id, nodes[i - 2].Id, i % 7 == 0, true)).ToList();
        var selected = nodes[^1].Id;

        var layout = RiskGraphLayout.Of(nodes, edges, selected);

        layout.Nodes.Count.ShouldBe(RiskGraphLayout.MostDrawn);
        layout.LeftOut.ShouldBe(500 - RiskGraphLayout.MostDrawn);
        layout.Nodes.ShouldContain(n => n.Node.Id == selected);
        layout.Edges.ShouldAllBe(e => layout.Nodes.Contains(e.From) && layout.Nodes.Contains(e.To));
        layout.Width.ShouldBeLessThanOrEqualTo(RiskGraphLayout.MostDrawn * (RiskGraphLayout.NodeWidth + RiskGraphLayout.ColumnGap) + 2 * RiskGraphLayout.Margin);
    }
}
