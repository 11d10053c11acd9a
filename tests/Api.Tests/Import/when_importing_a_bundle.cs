using System.Text.Json.Nodes;

namespace LoiTracker.Api.Tests.Import;

[Collection(ApiCollection.Name)]
public sealed class when_importing_a_bundle(ApiHost api)
{
    private static JsonObject Bundle(string suffix) => new()
    {
        ["name"] = "Test bundle",
        ["source"] = new JsonObject { ["kind"] = "Internal", ["reference"] = "test" },
        ["parties"] = new JsonArray(
            new JsonObject { ["key"] = $"buyer-{suffix}", ["name"] = $"Buyer {suffix}" },
            new JsonObject { ["key"] = $"seller-{suffix}", ["name"] = $"Seller {suffix}", ["group"] = "Sellers" }),
        ["agreements"] = new JsonArray(new JsonObject
        {
            ["key"] = $"loi-{suffix}", ["title"] = "Imported LOI", ["kind"] = "LetterOfIntent", ["timeZone"] = "Asia/Seoul",
            ["parties"] = new JsonArray(new JsonObject { ["partyKey"] = $"buyer-{suffix}", ["role"] = "Signatory" },
                new JsonObject { ["partyKey"] = $"seller-{suffix}", ["role"] = "Signatory" }),
            ["source"] = new JsonObject { ["kind"] = "SignedText", ["reference"] = "LOI pdf" },
            ["provisions"] = new JsonArray(new JsonObject { ["ref"] = "1", ["heading"] = "Supply", ["text"] = "Supply.", ["binding"] = false }),
            ["signatures"] = new JsonArray(
                new JsonObject { ["partyKey"] = $"buyer-{suffix}", ["signedOn"] = "2025-10-01", ["signatoryName"] = "B" },
                new JsonObject { ["partyKey"] = $"seller-{suffix}", ["signedOn"] = "2025-10-01", ["signatoryName"] = "S" })
        }),
        ["conditions"] = new JsonArray(new JsonObject { ["key"] = $"board-{suffix}", ["title"] = "Board approval", ["kind"] = "BoardApproval" }),
        ["commitments"] = new JsonArray(
            new JsonObject
            {
                ["key"] = $"supply-{suffix}", ["agreementKey"] = $"loi-{suffix}", ["obligorKeys"] = new JsonArray($"seller-{suffix}"),
                ["beneficiaryKeys"] = new JsonArray($"buyer-{suffix}"), ["workstream"] = "memory-supply", ["title"] = "Supply",
                ["terms"] = "Supply DRAM.", ["binding"] = false,
                ["quantity"] = new JsonObject { ["amount"] = 900000, ["unit"] = "DRAM wafers", ["per"] = "month", ["kind"] = "up-to" }
            },
            new JsonObject
            {
                ["key"] = $"extension-{suffix}", ["agreementKey"] = $"loi-{suffix}", ["obligorKeys"] = new JsonArray($"seller-{suffix}"),
                ["beneficiaryKeys"] = new JsonArray($"buyer-{suffix}"), ["workstream"] = "floating-power", ["title"] = "Extension",
                ["terms"] = "Maybe.", ["binding"] = false, ["conditionKeys"] = new JsonArray($"board-{suffix}"),
                ["dependsOn"] = new JsonArray(new JsonObject { ["commitmentKey"] = $"supply-{suffix}", ["illustrative"] = true })
            }),
        ["milestones"] = new JsonArray(new JsonObject
        {
            ["key"] = $"first-{suffix}", ["commitmentKey"] = $"supply-{suffix}", ["title"] = "First wafers", ["dueOn"] = "2026-12-31",
            ["ownerPartyKey"] = $"seller-{suffix}", ["illustrative"] = true
        })
    };

    [Fact]
    public async Task a_bundle_is_imported_whole_and_a_second_import_creates_nothing()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var bundle = Bundle(suffix).ToJsonString();

        var first = await api.Post("/api/import", bundle);

        first.ShouldBe(200);
        first.Body!["outcome"]!.GetValue<string>().ShouldBe("imported");
        first.Body!["created"]!.AsArray().Count.ShouldBe(7);
        var supply = first.Body!["created"]!.AsArray().First(c => c!["key"]!.GetValue<string>() == $"supply-{suffix}")!["id"]!.GetValue<Guid>();
        var extension = first.Body!["created"]!.AsArray().First(c => c!["key"]!.GetValue<string>() == $"extension-{suffix}")!["id"]!.GetValue<Guid>();
        (await api.StatusOf(supply)).ShouldBe("Active");
        (await api.StatusOf(extension)).ShouldBe("Proposed");
        (await api.Get($"/api/commitments/{extension}")).Body!["dependencies"]![0]!["illustrative"]!.GetValue<bool>().ShouldBeTrue();
        var imported = (await api.EventsOf(supply)).First();
        imported.UserName.ShouldBe("legal-user");
        imported.GetHeader("source").ShouldNotBeNull();

        var before = await api.EventCount();
        var second = await api.Post("/api/import", bundle);

        second.ShouldBe(200);
        second.Body!["outcome"]!.GetValue<string>().ShouldBe("nothing-new");
        second.Body!["created"]!.AsArray().ShouldBeEmpty();
        second.Body!["matched"]!.AsArray().Count.ShouldBe(7);
        (await api.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_bundle_with_rejected_items_writes_nothing_and_names_each_item_and_why()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var bundle = Bundle(suffix);
        bundle["commitments"]![0]!["workstream"] = "semiconductors";
        bundle["commitments"]![1]!["obligorKeys"] = new JsonArray("nobody");
        bundle["milestones"]![0]!["ownerPartyKey"] = $"buyer-{suffix}";
        bundle["agreements"]![0]!["signatures"]![0]!["signedOn"] = "2099-01-01";
        var before = await api.EventCount();

        var reply = await api.Post("/api/import", bundle.ToJsonString());

        reply.ShouldBe(422);
        reply.Rule.ShouldBe("bundle-rejected");
        var rejected = reply.Body!["report"]!["rejected"]!.AsArray();
        rejected.Select(r => (r!["kind"]!.GetValue<string>(), r["key"]!.GetValue<string>()))
            .ShouldContain(("commitment", $"supply-{suffix}"));
        rejected.Select(r => r!["key"]!.GetValue<string>()).ShouldContain($"extension-{suffix}");
        rejected.Select(r => r!["key"]!.GetValue<string>()).ShouldContain($"loi-{suffix}");
        rejected.First(r => r!["key"]!.GetValue<string>() == $"supply-{suffix}")!["reason"]!.GetValue<string>().ShouldContain("workstream");
        rejected.First(r => r!["key"]!.GetValue<string>() == $"extension-{suffix}")!["reason"]!.GetValue<string>().ShouldContain("'nobody'");
        reply.Body!["report"]!["created"]!.AsArray().ShouldBeEmpty();
        (await api.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task only_legal_imports_and_keys_must_be_unique()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var bundle = Bundle(suffix);
        (await api.Post("/api/import", bundle.ToJsonString(), "editor")).ShouldBe(403);

        bundle["parties"]![1]!["key"] = $"buyer-{suffix}";
        var duplicate = await api.Post("/api/import", bundle.ToJsonString());

        duplicate.ShouldBe(422);
        duplicate.Body!["report"]!["rejected"]![0]!["reason"]!.GetValue<string>().ShouldContain($"'buyer-{suffix}' is used by 2 party items");
        (await api.Post("/api/import", "{}")).ShouldBe(400).ErrorsFor("body").ShouldNotBeEmpty();
    }
}
