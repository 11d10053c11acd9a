namespace LoiTracker.Api.Tests.Agreements;

[Collection(ApiCollection.Name)]
public sealed class when_signing_in_counterparts(ApiHost api)
{
    [Fact]
    public async Task the_agreement_is_signed_once_every_signatory_party_has_signed()
    {
        var openAi = await api.RegisterParty("OpenAI");
        var samsung = await api.RegisterParty("Samsung Electronics", "Samsung");
        var observer = await api.RegisterParty("Nvidia");
        var loi = await api.DraftAgreement("LOI", [(openAi, "Signatory"), (samsung, "Signatory"), (observer, "Observer")]);

        var first = await api.Sign(loi, new DateOnly(2025, 10, 1), openAi);
        (await api.Get($"/api/agreements/{loi}")).Body!["status"]!.GetValue<string>().ShouldBe("Draft");

        var second = await api.Post($"/api/agreements/{loi}/sign", new
        {
            signatures = new[] { new { partyId = samsung, signedOn = "2025-10-02", signatoryName = "Jun Young-hyun" } },
            effectiveOn = "2025-10-15"
        });

        second.ShouldBe(200).Version.ShouldBe(first.Version + 2);
        var read = (await api.Get($"/api/agreements/{loi}")).ShouldBe(200).Body!;
        read["status"]!.GetValue<string>().ShouldBe("Signed");
        read["signedOn"]!.GetValue<string>().ShouldBe("2025-10-02");
        read["effectiveOn"]!.GetValue<string>().ShouldBe("2025-10-15");
        read["signatures"]!.AsArray().Count.ShouldBe(2);
        read["version"]!.GetValue<long>().ShouldBe(second.Version);
        var events = await api.EventsOf(loi);
        events.TakeLast(2).Select(e => e.EventTypeName).ShouldBe(["agreement_signed_by_party", "agreement_signed"]);
    }

    [Fact]
    public async Task only_legal_signs_and_a_non_signatory_cannot()
    {
        var openAi = await api.RegisterParty("OpenAI");
        var observer = await api.RegisterParty("Nvidia");
        var loi = await api.DraftAgreement("LOI", [(openAi, "Signatory"), (observer, "Observer")]);

        var reply = await api.Post($"/api/agreements/{loi}/sign", new
        {
            signatures = new[] { new { partyId = observer, signedOn = "2025-10-01", signatoryName = "Jensen" } }
        });

        reply.ShouldBe(422).Rule.ShouldBe("not-a-signatory");
        (await api.EventsOf(loi)).Count.ShouldBe(3);
    }
}
