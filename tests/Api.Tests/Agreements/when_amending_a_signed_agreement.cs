namespace LoiTracker.Api.Tests.Agreements;

[Collection(ApiCollection.Name)]
public sealed class when_amending_a_signed_agreement(ApiHost api)
{
    [Fact]
    public async Task signing_the_amendment_replaces_inserts_and_deletes_provisions_of_the_parent_keeping_before_and_after()
    {
        var openAi = await api.RegisterParty("OpenAI");
        var samsung = await api.RegisterParty("Samsung Electronics", "Samsung");
        var loi = await api.DraftAgreement("LOI", [(openAi, "Signatory"), (samsung, "Signatory")]);
        await api.RecordProvision(loi, "§2", binding: false, text: "Samsung supplies DRAM.");
        await api.RecordProvision(loi, "§8", binding: true, text: "Exclusivity for 90 days.");
        await api.Sign(loi, new DateOnly(2025, 10, 1), openAi, samsung);
        var parentVersion = (await api.Get($"/api/agreements/{loi}")).Body!["version"]!.GetValue<long>();

        var amendment = await api.DraftAgreement("Amendment No. 1", [(openAi, "Signatory"), (samsung, "Signatory")],
            kind: "Amendment", parentAgreementId: loi);
        await api.RecordProvision(amendment, "1", binding: true, amends: new { @ref = "§2", action = "Replace" }, text: "Samsung supplies DRAM and HBM.");
        await api.RecordProvision(amendment, "2", binding: false, amends: new { @ref = "§3", action = "Insert" }, text: "Floating data centers.");
        await api.RecordProvision(amendment, "3", binding: false, amends: new { @ref = "§8", action = "Delete" });
        await api.Sign(amendment, new DateOnly(2025, 11, 3), openAi, samsung);

        var parent = (await api.Get($"/api/agreements/{loi}")).Body!;
        parent["status"]!.GetValue<string>().ShouldBe("Amended");
        parent["version"]!.GetValue<long>().ShouldBe(parentVersion + 1);
        parent["provisions"]!.AsArray().Select(p => p!["ref"]!.GetValue<string>()).ShouldBe(["§2", "§3"]);
        parent["provisions"]![0]!["text"]!.GetValue<string>().ShouldBe("Samsung supplies DRAM and HBM.");
        var changes = parent["appliedAmendments"]![0]!["changes"]!.AsArray();
        changes[0]!["before"]!["text"]!.GetValue<string>().ShouldBe("Samsung supplies DRAM.");
        changes[0]!["after"]!["text"]!.GetValue<string>().ShouldBe("Samsung supplies DRAM and HBM.");
        changes[2]!["action"]!.GetValue<string>().ShouldBe("Delete");
        changes[2]!["after"].ShouldBeNull();
        parent["lineage"]!["amendments"]![0]!["id"]!.GetValue<Guid>().ShouldBe(amendment);

        var amendmentRead = (await api.Get($"/api/agreements/{amendment}")).Body!;
        amendmentRead["lineage"]!["parent"]!["id"]!.GetValue<Guid>().ShouldBe(loi);
        (await api.EventsOf(loi)).Last().EventTypeName.ShouldBe("agreement_amended");
    }

    [Fact]
    public async Task an_editor_may_not_draft_an_amendment()
    {
        var openAi = await api.RegisterParty("OpenAI");
        var loi = await api.DraftAgreement("LOI", [(openAi, "Signatory")]);
        await api.RecordProvision(loi, "§1", binding: false);
        await api.Sign(loi, new DateOnly(2025, 10, 1), openAi);
        var before = await api.EventCount();

        var reply = await api.Post("/api/agreements", new
        {
            title = "Amendment", kind = "Amendment", parentAgreementId = loi, source = Driving.PublicAnnouncement,
            parties = new[] { new { partyId = openAi, role = "Signatory" } }
        }, "editor");

        reply.ShouldBe(403);
        (await api.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task an_amendment_needs_its_parent()
    {
        var openAi = await api.RegisterParty("OpenAI");

        var missing = await api.Post("/api/agreements", new
        {
            title = "Amendment", kind = "Amendment", source = Driving.PublicAnnouncement,
            parties = new[] { new { partyId = openAi, role = "Signatory" } }
        });
        var unknown = await api.Post("/api/agreements", new
        {
            title = "Amendment", kind = "Amendment", parentAgreementId = Guid.CreateVersion7(), source = Driving.PublicAnnouncement,
            parties = new[] { new { partyId = openAi, role = "Signatory" } }
        });

        missing.ShouldBe(400).ErrorsFor("parentAgreementId").ShouldBe(["An amendment needs the agreement it amends."]);
        unknown.ShouldBe(422).Rule.ShouldBe("unknown-agreement");
    }
}
