using LoiTracker.Api.Operations;
using LoiTracker.Projections.Commitments;
using Marten;

namespace LoiTracker.Api.Tests.Operations;

/// <summary>
/// Read models compared with a fold of their events: identical after real use (timestamps included); a document
/// that drifted is named with the fields that differ, and rebuilding its one stream (safe while serving) mends it. A
/// full rebuild refuses while an Api node is alive.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class when_read_models_are_verified_and_rebuilt(ApiHost api) : ApiWithActiveCommitment(api)
{
    private ProjectionMaintenance Maintenance => new(Api.Store);

    [Fact]
    public async Task every_inline_document_is_what_its_events_fold_into()
    {
        await Api.Post($"/api/commitments/{Commitment}/milestones", new { title = "Allocation", dueOn = "2026-06-30", ownerPartyId = Supplier }, "editor");
        await Api.Post($"/api/commitments/{Commitment}/notes", new { text = "Advice", privileged = true });
        await Api.Post($"/api/commitments/{Commitment}/owner", new { owner = "Grace" }, "editor");
        await Api.Post("/api/import", new { parties = new[] { new { key = $"p-{Guid.NewGuid():N}", name = $"Imported {Guid.NewGuid():N}" } } });
        // Last, a delivery: it changes no document (ADR 10), so a fold must not count it either.
        (await Api.Post($"/api/commitments/{Commitment}/deliveries", new { period = "2026-03", quantity = 5 }, "editor")).ShouldBe(201);

        var differences = await Maintenance.Verify(CancellationToken.None);

        var explained = new List<string>();
        foreach (var d in differences)
            explained.Add($"{d}; events: {string.Join(", ", (await Api.EventsOf(d.Stream)).Select(e => $"{e.Version}:{e.EventTypeName}@{e.Timestamp:O}"))}");
        differences.ShouldBeEmpty(string.Join(" | ", explained));
    }

    [Fact]
    public async Task a_drifted_document_is_named_and_rebuilding_its_stream_mends_it()
    {
        await using (var session = Api.Store.LightweightSession())
        {
            var view = (await session.LoadAsync<CommitmentView>(Commitment))!;
            view.Title = "Edited behind the events' back";
            view.Owner = "Nobody";
            session.Store(view);
            await session.SaveChangesAsync();
        }

        var drifted = (await Maintenance.Verify(CancellationToken.None)).Where(d => d.Stream == Commitment).ToList();
        drifted.ShouldHaveSingleItem().Document.ShouldBe(nameof(CommitmentView));
        drifted[0].Paths.ShouldBe(["title", "owner"], ignoreOrder: true);

        (await Maintenance.RebuildStream(Commitment, CancellationToken.None)).ShouldBeGreaterThan(0);

        (await Maintenance.Verify(CancellationToken.None)).Where(d => d.Stream == Commitment).ShouldBeEmpty();
        (await Api.Get($"/api/commitments/{Commitment}")).Body!["title"]!.GetValue<string>().ShouldBe("Memory supply");
    }

}

/// <summary>An Api node as production runs one: registered in Wolverine's node table, with heartbeats.</summary>
public sealed class NodeOfACluster : ApiHost
{
    protected override bool Solo => false;
}

public sealed class when_a_full_rebuild_is_asked_for : IAsyncLifetime
{
    private readonly NodeOfACluster _node = new();

    public Task InitializeAsync() => _node.InitializeAsync();

    public Task DisposeAsync() => _node.DisposeAsync();

    [Fact]
    public async Task it_refuses_while_an_api_node_serves()
    {
        var maintenance = new ProjectionMaintenance(_node.Store);
        (await maintenance.LiveNodes(CancellationToken.None)).ShouldNotBeEmpty();

        var refusal = await Should.ThrowAsync<InvalidOperationException>(() => maintenance.RebuildAll(CancellationToken.None));

        refusal.Message.ShouldContain("stop them first, or rebuild one stream at a time");
    }
}
