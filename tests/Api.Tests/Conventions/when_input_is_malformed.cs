namespace LoiTracker.Api.Tests.Conventions;

/// <summary>Malformed input answers 400 with field errors in the words a client sent, never a 500, and writes nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class when_input_is_malformed(ApiHost api) : ApiWithActiveCommitment(api)
{
    private async Task<Reply> Refused(Func<Task<Reply>> request)
    {
        var before = await Api.EventCount();
        var reply = await request();
        reply.ShouldBe(400);
        reply.ContentType.ShouldStartWith("application/problem+json");
        (await Api.EventCount()).ShouldBe(before, reply.Text);
        return reply;
    }

    [Fact]
    public async Task a_nul_or_a_direction_override_in_any_text_is_refused_naming_the_field()
    {
        (await Refused(() => Api.Post("/api/parties", new { name = "Samsung\u0000SDS" }, "editor"))).ErrorsFor("name").ShouldNotBeEmpty();
        (await Refused(() => Api.Post($"/api/commitments/{Commitment}/withdraw", new { reason = "Moved \u202Eelsewhere" })))
            .ErrorsFor("reason").ShouldNotBeEmpty();
        (await Refused(() => Api.Post("/api/import", new { parties = new[] { new { key = "k", name = "Bad\u0000name" } } })))
            .ErrorsFor("parties[0].name").ShouldNotBeEmpty();
        (await Refused(() => Api.Get("/api/parties?q=a%00b"))).ErrorsFor("q").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task lists_of_ids_null_or_missing_are_400_not_500()
    {
        var other = await Api.DraftAgreement("Successor", [(Supplier, "Signatory")]);

        (await Refused(() => Api.Post($"/api/agreements/{Loi}/commitments", new
        {
            obligorPartyIds = (Guid[]?)null, workstream = "memory-supply", title = "T", terms = "T", binding = false
        }, "editor"))).ErrorsFor("obligorPartyIds").ShouldNotBeEmpty();
        (await Refused(() => Api.Post($"/api/agreements/{Loi}/supersede", new { reason = "Definitive agreement" })))
            .ErrorsFor("byAgreementIds").ShouldNotBeEmpty();
        (await Refused(() => Api.Post($"/api/agreements/{Loi}/supersede", new { byAgreementIds = (Guid[]?)null, reason = "r" })))
            .ErrorsFor("byAgreementIds").ShouldNotBeEmpty();
        _ = other;
    }

    [Fact]
    public async Task unknown_query_parameters_and_bad_values_name_the_parameter_in_api_words()
    {
        (await Refused(() => Api.Get("/api/workstreams?asOf=2026-01-01T00:00:00Z"))).ErrorsFor("asOf")[0]
            .ShouldStartWith("This route takes no query parameters");
        (await Refused(() => Api.Get("/api/commitments?color=red"))).ErrorsFor("color")[0].ShouldStartWith("Unknown parameter: this route takes");
        (await Refused(() => Api.Get("/api/commitments?party=samsung"))).ErrorsFor("party")
            .ShouldBe(["Use an id such as 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b."]);
        (await Refused(() => Api.Get("/api/commitments?binding=maybe"))).ErrorsFor("binding").ShouldBe(["Use true or false."]);
        (await Refused(() => Api.Get("/api/commitments?page=1&page=2"))).ErrorsFor("page").ShouldBe(["Give page once."]);
        (await Refused(() => Api.Get("/api/milestones?from=31/03/2026"))).ErrorsFor("from").ShouldBe(["Use a date such as 2026-03-31."]);
    }

    [Fact]
    public async Task a_page_far_beyond_any_register_is_400_rather_than_an_overflow()
    {
        (await Refused(() => Api.Get($"/api/commitments?page={int.MaxValue}&pageSize=500"))).ErrorsFor("page").ShouldNotBeEmpty();
        (await Refused(() => Api.Get("/api/commitments?page=99999999999"))).ErrorsFor("page").ShouldBe(["Use a whole number."]);
    }

    [Fact]
    public async Task addresses_are_http_or_https_and_time_zones_canonical_iana_ids()
    {
        foreach (var url in new[] { "javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", @"\\fileserver\share\memo.pdf", "ftp://example.com/x" })
            (await Refused(() => Api.Post($"/api/commitments/{Commitment}/fulfill", new
            {
                evidence = new { name = "memo.pdf", sha256 = new string('a', 64), uri = url }
            }, "editor"))).ErrorsFor("evidence.uri").ShouldNotBeEmpty(url);
        foreach (var zone in new[] { "localtime", "Factory", "Korea Standard Time", "Asia/Calcutta", "posix/Asia/Seoul" })
            (await Refused(() => Api.Post("/api/agreements", new
            {
                title = "LOI", kind = "LetterOfIntent", timeZone = zone, source = Driving.PublicAnnouncement,
                parties = new[] { new { partyId = Supplier, role = "Signatory" } }
            }))).ErrorsFor("timeZone").ShouldNotBeEmpty(zone);
        (await Api.Post("/api/agreements", new
        {
            title = "LOI", kind = "LetterOfIntent", timeZone = "Asia/Kolkata",
            source = new { kind = "PublicAnnouncement", reference = "Newsroom", url = "https://news.samsung.com/global/x" },
            parties = new[] { new { partyId = Supplier, role = "Signatory" } }
        })).ShouldBe(201);
    }
}
