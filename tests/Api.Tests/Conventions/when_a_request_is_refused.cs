namespace LoiTracker.Api.Tests.Conventions;

/// <summary>api.md's conventions table: every refusal is a problem a client can act on, and writes nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class when_a_request_is_refused(ApiHost api)
{
    private async Task<(Guid OpenAi, Guid Samsung, Guid Draft)> ADraft()
    {
        var openAi = await api.RegisterParty("OpenAI");
        var samsung = await api.RegisterParty("Samsung Electronics", "Samsung");
        var draft = await api.DraftAgreement("LOI", [(openAi, "Signatory"), (samsung, "Signatory")]);
        return (openAi, samsung, draft);
    }

    private async Task<Reply> Refused(Func<Task<Reply>> request)
    {
        var before = await api.EventCount();
        var reply = await request();
        (await api.EventCount()).ShouldBe(before, $"a refused request wrote events: {reply.Text}");
        reply.ContentType.ShouldStartWith("application/problem+json");
        return reply;
    }

    [Fact]
    public async Task a_body_that_fails_validation_is_400_with_field_errors()
    {
        var reply = await Refused(() => api.Post("/api/agreements", new
        {
            title = "", kind = "LetterOfIntent", timeZone = "Seoul",
            parties = new[] { new { partyId = Guid.Empty, role = "Observer" } }
        }));

        reply.ShouldBe(400);
        reply.ErrorsFor("title").ShouldNotBeEmpty();
        reply.ErrorsFor("timeZone").ShouldBe(["Use an IANA time zone, such as Asia/Seoul or America/New_York."]);
        reply.ErrorsFor("parties[0].partyId").ShouldNotBeEmpty();
        reply.ErrorsFor("parties").ShouldBe(["At least one party must be a signatory."]);
        reply.ErrorsFor("source").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task a_value_of_the_wrong_form_is_400_naming_the_field_and_the_form_it_takes()
    {
        var (openAi, _, draft) = await ADraft();

        var kind = await Refused(() => api.Post("/api/agreements", """{ "title": "LOI", "kind": "Handshake" }"""));
        var date = await Refused(() => api.Post($"/api/agreements/{draft}/sign",
            $$"""{ "signatures": [ { "partyId": "{{openAi}}", "signedOn": "1 October 2025", "signatoryName": "Sam" } ] }"""));
        var notJson = await Refused(() => api.Post("/api/agreements", "{ this is not json"));

        kind.ShouldBe(400).ErrorsFor("kind").ShouldBe(
            ["Use one of: LetterOfIntent, MemorandumOfUnderstanding, TermSheet, DefinitiveAgreement, Amendment."]);
        date.ShouldBe(400).ErrorsFor("signatures[0].signedOn").ShouldBe(["Use a date such as 2026-03-31."]);
        notJson.ShouldBe(400).Body!["errors"].ShouldNotBeNull();
    }

    [Fact]
    public async Task no_token_or_a_token_the_api_did_not_issue_is_401()
    {
        var noToken = await Refused(() => api.Post("/api/parties", new { name = "Nvidia" }, role: null));
        var forged = await Refused(() => api.Send(HttpMethod.Post, "/api/parties", new { name = "Nvidia" }, null, TestTokens.Forged("admin")));

        noToken.ShouldBe(401);
        forged.ShouldBe(401);
        (await api.Get("/api/agreements", role: null)).ShouldBe(401);
    }

    [Fact]
    public async Task a_role_that_may_not_take_the_action_is_403()
    {
        var (openAi, _, draft) = await ADraft();

        var reply = await Refused(() => api.Post($"/api/agreements/{draft}/sign", new
        {
            signatures = new[] { new { partyId = openAi, signedOn = "2025-10-01", signatoryName = "Sam Altman" } }
        }, "editor"));

        reply.ShouldBe(403);
    }

    [Fact]
    public async Task an_unknown_id_is_404()
    {
        var unknown = Guid.CreateVersion7();

        var command = await Refused(() => api.Post($"/api/agreements/{unknown}/abandon", new { reason = "No deal" }));
        var read = await api.Get($"/api/agreements/{unknown}");
        var party = await api.Get($"/api/parties/{unknown}");

        command.ShouldBe(404);
        read.ShouldBe(404).Title.ShouldBe("Agreement not found");
        party.ShouldBe(404).Title.ShouldBe("Party not found");
    }

    [Fact]
    public async Task a_stale_expected_version_is_409_naming_the_current_version()
    {
        var (_, _, draft) = await ADraft();
        (await api.RecordProvision(draft, "§1", binding: false)).Version.ShouldBe(4);

        var reply = await Refused(() => api.Post($"/api/agreements/{draft}/provisions",
            new { @ref = "§2", heading = "Exclusivity", text = "None", binding = true, expectedVersion = 3 }));

        reply.ShouldBe(409);
        reply.Body!["currentVersion"]!.GetValue<long>().ShouldBe(4);
        (await api.Post($"/api/agreements/{draft}/provisions",
            new { @ref = "§2", heading = "Exclusivity", text = "None", binding = true, expectedVersion = 4 })).ShouldBe(200).Version.ShouldBe(5);
    }

    [Fact]
    public async Task a_rule_that_refuses_the_command_is_422_with_a_title_naming_it()
    {
        var (openAi, samsung, draft) = await ADraft();
        await api.Sign(draft, new DateOnly(2025, 10, 1), openAi);

        var reply = await Refused(() => api.Post($"/api/agreements/{draft}/sign", new
        {
            signatures = new[] { new { partyId = openAi, signedOn = "2025-10-01", signatoryName = "Sam Altman" } }
        }));

        reply.ShouldBe(422);
        reply.Rule.ShouldBe("signing-twice");
        reply.Title.ShouldEndWith("has already signed 'LOI'");
        _ = samsung;
    }

    [Fact]
    public async Task a_body_too_large_is_413()
    {
        var (_, _, draft) = await ADraft();
        var huge = new string('x', 300 * 1024);

        var reply = await Refused(() => api.Post($"/api/agreements/{draft}/notes", new { text = huge }));

        reply.ShouldBe(413);
    }

    [Fact]
    public async Task the_commitment_routes_answer_the_same_way()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers()));

        (await Refused(() => api.Post($"/api/commitments/{commitment}/deliveries", new { period = "2026-03", quantity = 1 }, role: null))).ShouldBe(401);
        (await Refused(() => api.Post($"/api/commitments/{commitment}/notes", new { text = new string('x', 300 * 1024) }, "editor"))).ShouldBe(413);
        (await Refused(() => api.Post($"/api/commitments/{commitment}/notes", "{ \"text\": ", "editor"))).ShouldBe(400);
        (await Refused(() => api.Post($"/api/commitments/{commitment}/owner", new { owner = "Grace", expectedVersion = 1 }, "editor")))
            .ShouldBe(409);
        (await Refused(() => api.Post($"/api/commitments/{Guid.CreateVersion7()}/fulfill", new { }, "editor"))).ShouldBe(404);
        (await Refused(() => api.Post($"/api/conditions/{Guid.CreateVersion7()}/satisfy", new { }, "editor"))).ShouldBe(404);
    }

    [Fact]
    public async Task no_response_carries_a_stack_trace()
    {
        var reply = await api.Post("/api/agreements", "[1, 2, 3]");

        reply.Status.ShouldBe(400);
        reply.Text.ShouldNotContain(" at ");
        reply.Text.ShouldNotContain("Exception");
    }
}
