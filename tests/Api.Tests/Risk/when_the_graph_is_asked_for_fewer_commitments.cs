using System.Text.Json.Nodes;

namespace LoiTracker.Api.Tests.Risk;

/// <summary>
/// A drawing of 60 commitments has no use for 500 (ADR 23): <c>limit</c> asks the graph for fewer, the worst kept, and
/// says it left some out; around a root the root is always there; a limit out of range is refused, naming it.
/// </summary>
public sealed class when_the_graph_is_asked_for_fewer_commitments(ReferenceDealHost api) : IClassFixture<ReferenceDealHost>
{
    private static List<string> Ids(JsonNode graph) => [.. graph["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>())];

    [Fact]
    public async Task the_worst_are_kept_and_the_answer_says_it_is_cut()
    {
        var whole = (await api.Get("/api/risk/graph")).ShouldBe(200).Body!;
        Ids(whole).Count.ShouldBeGreaterThan(3);
        whole["truncated"]!.GetValue<bool>().ShouldBeFalse();

        var three = (await api.Get("/api/risk/graph?limit=3")).ShouldBe(200).Body!;
        Ids(three).ShouldBe(Ids(whole).Take(3).ToList());
        three["truncated"]!.GetValue<bool>().ShouldBeTrue();
        foreach (var edge in three["edges"]!.AsArray())
            Ids(three).ShouldContain(edge!["from"]!.GetValue<string>(), "an edge starts at a node that is drawn");
    }

    [Fact]
    public async Task around_a_root_the_root_is_always_there()
    {
        var operations = await api.Commitment("datacenter-operations");
        var two = (await api.Get($"/api/risk/graph?root={operations}&depth=2&limit=2")).ShouldBe(200).Body!;
        Ids(two).Count.ShouldBe(2);
        Ids(two).ShouldContain(operations.ToString());
        two["truncated"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    public async Task a_limit_out_of_range_is_refused_naming_it(string limit)
    {
        var refused = (await api.Get($"/api/risk/graph?limit={limit}")).ShouldBe(400);
        refused.Body!["errors"]!["limit"]!.AsArray().Single()!.GetValue<string>().ShouldBe("Ask for 1 to 500 commitments.");
    }
}
