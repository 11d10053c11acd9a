namespace LoiTracker.Acceptance.Tests;

/// <summary>
/// domain.md's reference scenario, end to end over HTTP as a legal team would record it: five parties, the letter
/// of intent signed in Seoul on 1 October 2025 in counterparts, a non-binding and a binding provision, read back Signed.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public sealed class the_openai_samsung_letter_of_intent(ApiHost api)
{
    [Fact]
    public async Task is_drafted_with_five_parties_signed_in_counterparts_and_read_back_as_signed()
    {
        // The partnership team registers the parties; the four Samsung companies are one group.
        var openAi = await Register("OpenAI", null, "US");
        var electronics = await Register("Samsung Electronics", "Samsung", "KR");
        var sds = await Register("Samsung SDS", "Samsung", "KR");
        var cnt = await Register("Samsung C&T", "Samsung", "KR");
        var heavy = await Register("Samsung Heavy Industries", "Samsung", "KR");
        var samsung = (await api.Get("/api/parties?group=Samsung&pageSize=10")).ShouldBe(200).Body!;
        samsung["items"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()).ShouldBe([electronics, cnt, heavy, sds], ignoreOrder: true);

        // They draft the letter of intent from the public announcement.
        var drafted = (await api.Post("/api/agreements", new
        {
            title = "Letter of intent: OpenAI and Samsung strategic partnership (Stargate)",
            kind = "LetterOfIntent",
            summary = "Memory supply for Stargate, AI data centers, ChatGPT Enterprise in Korea, floating data centers.",
            place = "Seoul",
            timeZone = "Asia/Seoul",
            parties = new[]
            {
                new { partyId = openAi, role = "Signatory" }, new { partyId = electronics, role = "Signatory" },
                new { partyId = sds, role = "Signatory" }, new { partyId = cnt, role = "Signatory" },
                new { partyId = heavy, role = "Signatory" }
            },
            source = new { kind = "PublicAnnouncement", reference = "Samsung Newsroom, 1 October 2025", url = "https://news.samsung.com/global" }
        }, "editor")).ShouldBe(201);
        var loi = drafted.Id;

        // Legal records what the letter says: mostly non-binding, confidentiality binding and surviving.
        (await api.Post($"/api/agreements/{loi}/provisions", new
        {
            @ref = "§2", heading = "Memory supply",
            text = "Samsung Electronics intends to supply high-performance, energy-efficient DRAM; OpenAI's needs could reach 900,000 wafers per month.",
            binding = false
        }, "legal")).ShouldBe(200);
        (await api.Post($"/api/agreements/{loi}/provisions", new
        {
            @ref = "§9", heading = "Confidentiality", text = "The parties keep the discussions confidential.",
            binding = true, survives = true
        }, "legal")).ShouldBe(200);

        // Counterparts: OpenAI and Samsung Electronics first, the three affiliates in a second call.
        var first = (await api.Post($"/api/agreements/{loi}/sign", new
        {
            signatures = new[]
            {
                new { partyId = openAi, signedOn = "2025-10-01", signatoryName = "Sam Altman" },
                new { partyId = electronics, signedOn = "2025-10-01", signatoryName = "Authorised signatory of Samsung Electronics" }
            }
        }, "legal")).ShouldBe(200);
        (await api.Get($"/api/agreements/{loi}")).Body!["status"]!.GetValue<string>().ShouldBe("Draft");

        var second = (await api.Post($"/api/agreements/{loi}/sign", new
        {
            expectedVersion = first.Version,
            signatures = new[]
            {
                new { partyId = sds, signedOn = "2025-10-01", signatoryName = "Authorised signatory of Samsung SDS" },
                new { partyId = cnt, signedOn = "2025-10-01", signatoryName = "Authorised signatory of Samsung C&T" },
                new { partyId = heavy, signedOn = "2025-10-01", signatoryName = "Authorised signatory of Samsung Heavy Industries" }
            }
        }, "legal")).ShouldBe(200);

        // Anyone on the team reads it back as signed, with its parties, provisions and signatures.
        var read = (await api.Get($"/api/agreements/{loi}", "viewer")).ShouldBe(200).Body!;
        read["status"]!.GetValue<string>().ShouldBe("Signed");
        read["version"]!.GetValue<long>().ShouldBe(second.Version);
        read["signedOn"]!.GetValue<string>().ShouldBe("2025-10-01");
        read["timeZone"]!.GetValue<string>().ShouldBe("Asia/Seoul");
        read["source"]!["kind"]!.GetValue<string>().ShouldBe("PublicAnnouncement");
        read["parties"]!.AsArray().Count.ShouldBe(5);
        read["parties"]!.AsArray().ShouldAllBe(p => p!["signature"] != null);
        read["provisions"]!.AsArray().Select(p => (p!["ref"]!.GetValue<string>(), p["binding"]!.GetValue<bool>()))
            .ShouldBe([("§2", false), ("§9", true)]);
        (await api.Get($"/api/agreements?party={heavy}&status=Signed")).Body!["total"]!.GetValue<long>().ShouldBe(1);

        // And the record shows who did what: the editor drafted, legal signed.
        var events = await api.EventsOf(loi);
        events.First().UserName.ShouldBe("editor-user");
        events.Last().EventTypeName.ShouldBe("agreement_signed");
        events.Last().UserName.ShouldBe("legal-user");
    }

    // The acceptance host has a schema of its own, so the real names are free.
    private async Task<Guid> Register(string name, string? group, string country) =>
        (await api.Post("/api/parties", new { name, group, country }, "editor")).ShouldBe(201).Id;
}
