using LoiTracker.Domain.Commitments;

namespace LoiTracker.Domain.Tests.Commitments;

/// <summary>The one dependency graph: what a commitment needs, and the chain a new dependency would close into a cycle.</summary>
public sealed class when_the_dependency_graph_is_walked
{
    private static readonly Guid Memory = Guid.NewGuid(), Capacity = Guid.NewGuid(), Operations = Guid.NewGuid(), Design = Guid.NewGuid();

    private static DependencyGraph Sample() => new DependencyGraph()
        .Add(Capacity, "Stargate capacity", Memory)
        .Add(Operations, "Data center operations", Design)
        .Add(Operations, "Data center operations", Capacity)
        .Name(Memory, "Memory supply").Name(Design, "Data center design");

    [Fact]
    public void a_chain_is_found_and_named_from_the_first_node_to_the_last()
    {
        Sample().PathBetween(Operations, Memory, "Memory supply")
            .ShouldBe(["Data center operations", "Stargate capacity", "Memory supply"]);
    }

    [Fact]
    public void no_chain_means_no_cycle()
    {
        Sample().PathBetween(Memory, Operations, "Data center operations").ShouldBeNull();
    }

    [Fact]
    public void a_long_chain_is_walked_without_exhausting_the_stack()
    {
        var graph = new DependencyGraph();
        var ids = Enumerable.Range(0, 100_000).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < ids.Length - 1; i++) graph.Add(ids[i], $"Step {i}", ids[i + 1]);

        graph.PathBetween(ids[0], ids[^1], "Last")!.Count.ShouldBe(ids.Length);
    }
}
