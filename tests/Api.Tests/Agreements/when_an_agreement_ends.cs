namespace LoiTracker.Api.Tests.Agreements;

[Collection(ApiCollection.Name)]
public sealed class when_an_agreement_ends(ApiHost api)
{
    private async Task<(Guid OpenAi, Guid Samsung, Guid Loi)> ASignedLoi()
    {
        var openAi = await api.RegisterParty("OpenAI");
        var samsung = await api.RegisterParty("Samsung SDS", "Samsung");
        var loi = await api.DraftAgreement("LOI", [(openAi, "Signatory"), (samsung, "Signatory")]);
        await api.RecordProvision(loi, "§2", binding: false, heading: "Data centers");
        await api.RecordProvision(loi, "§9", binding: true, survives: true, heading: "Confidentiality");
        await api.Sign(loi, new DateOnly(2025, 10, 1), openAi, samsung);
        return (openAi, samsung, loi);
    }

    [Fact]
    public async Task superseded_by_definitive_agreements_only_its_surviving_provisions_stay_in_force()
    {
        var (openAi, samsung, loi) = await ASignedLoi();
        var definitive = await api.DraftAgreement("Data center services agreement", [(openAi, "Signatory"), (samsung, "Signatory")],
            kind: "DefinitiveAgreement", parentAgreementId: loi);
        await api.RecordProvision(definitive, "1", binding: true);
        await api.Sign(definitive, new DateOnly(2026, 2, 1), openAi, samsung);

        var reply = await api.Post($"/api/agreements/{loi}/supersede", new { byAgreementIds = new[] { definitive }, reason = "Definitive agreement signed" });

        reply.ShouldBe(200);
        var read = (await api.Get($"/api/agreements/{loi}")).Body!;
        read["status"]!.GetValue<string>().ShouldBe("Superseded");
        read["provisions"]!.AsArray().Select(p => (p!["ref"]!.GetValue<string>(), p["inForce"]!.GetValue<bool>()))
            .ShouldBe([("§2", false), ("§9", true)]);
        read["ended"]!["reason"]!.GetValue<string>().ShouldBe("Definitive agreement signed");
        read["lineage"]!["supersededBy"]![0]!["id"]!.GetValue<Guid>().ShouldBe(definitive);
        var successor = (await api.Get($"/api/agreements/{definitive}")).Body!;
        successor["lineage"]!["supersedes"]![0]!["id"]!.GetValue<Guid>().ShouldBe(loi);
        var superseded = (await api.EventsOf(loi)).Last();
        superseded.EventTypeName.ShouldBe("agreement_superseded");
        superseded.GetHeader("reason")!.ToString().ShouldBe("Definitive agreement signed");
    }

    [Fact]
    public async Task a_successor_must_exist_and_be_signed()
    {
        var (openAi, _, loi) = await ASignedLoi();
        var draft = await api.DraftAgreement("Unsigned DA", [(openAi, "Signatory")], kind: "DefinitiveAgreement");

        (await api.Post($"/api/agreements/{loi}/supersede", new { byAgreementIds = new[] { Guid.CreateVersion7() }, reason = "r" }))
            .ShouldBe(422).Rule.ShouldBe("unknown-agreement");
        (await api.Post($"/api/agreements/{loi}/supersede", new { byAgreementIds = new[] { draft }, reason = "r" }))
            .ShouldBe(422).Rule.ShouldBe("successor-not-signed");
        (await api.Post($"/api/agreements/{loi}/supersede", new { byAgreementIds = new[] { draft } }))
            .ShouldBe(400).ErrorsFor("reason").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task a_terminated_agreement_records_when_and_why()
    {
        var (_, _, loi) = await ASignedLoi();

        (await api.Post($"/api/agreements/{loi}/terminate", new { on = "2026-01-31", reason = "Ended by mutual consent" })).ShouldBe(200);

        var read = (await api.Get($"/api/agreements/{loi}")).Body!;
        read["status"]!.GetValue<string>().ShouldBe("Terminated");
        read["ended"]!["on"]!.GetValue<string>().ShouldBe("2026-01-31");
        (await api.Post($"/api/agreements/{loi}/abandon", new { reason = "x" })).ShouldBe(422).Rule.ShouldBe("abandon-only-drafts");
    }

    [Fact]
    public async Task a_draft_is_abandoned_with_a_reason()
    {
        var openAi = await api.RegisterParty("OpenAI");
        var draft = await api.DraftAgreement("Term sheet", [(openAi, "Signatory")], kind: "TermSheet");

        (await api.Post($"/api/agreements/{draft}/abandon", new { })).ShouldBe(400).ErrorsFor("reason").ShouldNotBeEmpty();
        (await api.Post($"/api/agreements/{draft}/abandon", new { reason = "Talks ended" })).ShouldBe(200);
        (await api.Post($"/api/agreements/{draft}/terminate", new { on = "2026-01-31", reason = "x" })).ShouldBe(422).Rule.ShouldBe("not-in-force");

        (await api.Get($"/api/agreements/{draft}")).Body!["status"]!.GetValue<string>().ShouldBe("Abandoned");
    }
}
