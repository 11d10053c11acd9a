using System.Text.Json.Nodes;

namespace LoiTracker.Api.Tests.Import;

/// <summary>
/// A large bundle is written in pages of a few hundred streams, inside one transaction (docs/benchmarks.md, import):
/// what a reader sees is the same as for a small one, all of it or none of it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class when_importing_a_bundle_larger_than_a_page(ApiHost api)
{
    private const int Commitments = 1_100;

    private static JsonObject Bundle(string tag, int commitments, string prefix = "c") => new()
    {
        ["name"] = "Large test bundle",
        ["source"] = new JsonObject { ["kind"] = "Internal", ["reference"] = "test" },
        ["parties"] = new JsonArray(
            new JsonObject { ["key"] = $"buyer-{tag}", ["name"] = $"Buyer {tag}" },
            new JsonObject { ["key"] = $"seller-{tag}", ["name"] = $"Seller {tag}" }),
        ["agreements"] = new JsonArray(new JsonObject
        {
            ["key"] = $"loi-{tag}", ["title"] = "Imported LOI", ["kind"] = "LetterOfIntent", ["timeZone"] = "Asia/Seoul",
            ["parties"] = new JsonArray(new JsonObject { ["partyKey"] = $"buyer-{tag}", ["role"] = "Signatory" },
                new JsonObject { ["partyKey"] = $"seller-{tag}", ["role"] = "Signatory" }),
            ["source"] = new JsonObject { ["kind"] = "SignedText", ["reference"] = "LOI pdf" },
            ["signatures"] = new JsonArray(
                new JsonObject { ["partyKey"] = $"buyer-{tag}", ["signedOn"] = "2025-10-01", ["signatoryName"] = "B" },
                new JsonObject { ["partyKey"] = $"seller-{tag}", ["signedOn"] = "2025-10-01", ["signatoryName"] = "S" })
        }),
        ["commitments"] = new JsonArray([.. Enumerable.Range(0, commitments).Select(i => (JsonNode)new JsonObject
        {
            ["key"] = $"{prefix}-{tag}-{i}", ["agreementKey"] = $"loi-{tag}", ["obligorKeys"] = new JsonArray($"seller-{tag}"),
            ["beneficiaryKeys"] = new JsonArray($"buyer-{tag}"), ["workstream"] = "memory-supply", ["title"] = $"Supply line {i}",
            ["terms"] = "Supply DRAM.", ["binding"] = false
        })])
    };

    private static Guid IdOf(Reply reply, string key) =>
        reply.Body!["created"]!.AsArray().First(c => c!["key"]!.GetValue<string>() == key)!["id"]!.GetValue<Guid>();

    [Fact]
    public async Task every_item_is_written_and_a_second_import_matches_every_key()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var bundle = Bundle(tag, Commitments).ToJsonString();
        var before = await api.EventCount();

        var first = await api.Post("/api/import", bundle);

        first.ShouldBe(200);
        first.Body!["created"]!.AsArray().Count.ShouldBe(Commitments + 3);
        (await api.StatusOf(IdOf(first, $"c-{tag}-0"))).ShouldBe("Active");
        (await api.StatusOf(IdOf(first, $"c-{tag}-{Commitments - 1}"))).ShouldBe("Active");
        var written = await api.EventCount();
        written.ShouldBeGreaterThan(before + 2 * Commitments);

        var second = await api.Post("/api/import", bundle);

        second.ShouldBe(200);
        second.Body!["outcome"]!.GetValue<string>().ShouldBe("nothing-new");
        second.Body!["matched"]!.AsArray().Count.ShouldBe(Commitments + 3);
        (await api.EventCount()).ShouldBe(written);
    }

    [Fact]
    public async Task a_milestone_on_a_commitment_of_an_earlier_import_is_appended_after_the_pages_before_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var first = (await api.Post("/api/import", Bundle(tag, 1).ToJsonString())).ShouldBe(200);
        var existing = IdOf(first, $"c-{tag}-0");
        // The same bundle with more new commitments than a page, and a milestone on the existing one: its stream is then
        // written in a later page than the one it was read in.
        var next = Bundle(tag, 1);
        foreach (var more in Bundle(tag, Commitments, prefix: "more")["commitments"]!.AsArray()) next["commitments"]!.AsArray().Add(more!.DeepClone());
        next["milestones"] = new JsonArray(new JsonObject
        {
            ["key"] = $"first-{tag}", ["commitmentKey"] = $"c-{tag}-0", ["title"] = "First wafers", ["dueOn"] = "2026-12-31",
            ["ownerPartyKey"] = $"seller-{tag}"
        });

        var second = await api.Post("/api/import", next.ToJsonString());

        second.ShouldBe(200);
        second.Body!["created"]!.AsArray().Count.ShouldBe(Commitments + 1);
        var commitment = (await api.Get($"/api/commitments/{existing}")).ShouldBe(200);
        commitment.Body!["milestones"]!.AsArray().Select(m => m!["title"]!.GetValue<string>()).ShouldBe(["First wafers"]);
        (await api.Get($"/api/milestones/{IdOf(second, $"first-{tag}")}")).ShouldBe(200);
    }

    [Fact]
    public async Task two_imports_of_it_at_once_write_it_once()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var bundle = Bundle(tag, Commitments).ToJsonString();
        var before = await api.EventCount();

        var replies = await Task.WhenAll(api.Post("/api/import", bundle), api.Post("/api/import", bundle));

        replies.ShouldAllBe(r => r.Status == 200);
        replies.Select(r => r.Body!["outcome"]!.GetValue<string>()).Order().ShouldBe(["imported", "nothing-new"]);
        replies.First(r => r.Body!["outcome"]!.GetValue<string>() == "imported").Body!["created"]!.AsArray().Count
            .ShouldBe(Commitments + 3);
        var written = await api.EventCount() - before;
        // As many events as one import of a bundle like it, alone.
        before = await api.EventCount();
        (await api.Post("/api/import", Bundle(Guid.NewGuid().ToString("N")[..8], Commitments).ToJsonString())).ShouldBe(200);
        (await api.EventCount() - before).ShouldBe(written);
    }
}
