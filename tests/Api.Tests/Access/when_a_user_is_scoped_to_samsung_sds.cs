using System.Text.Json.Nodes;

namespace LoiTracker.Api.Tests.Access;

/// <summary>
/// The reference deal seen by Samsung SDS's contract manager, whose token limits it to Samsung SDS (ADR 16): the data
/// center, enterprise AI, resale and floating commitments it is party to, and nothing of the memory supply between
/// Samsung Electronics and OpenAI. What it does not see answers 404, exactly as what does not exist.
/// </summary>
public sealed class when_a_user_is_scoped_to_samsung_sds(ReferenceDealHost api) : IClassFixture<ReferenceDealHost>
{
    private static readonly string[] SdsWorkstreams =
    [
        "datacenter-design", "datacenter-construction", "datacenter-operations", "enterprise-ai-services", "resale",
        "floating-datacenter", "floating-power", "floating-control-center"
    ];

    private async Task<string> Sds(string role = "viewer", string? subject = null) =>
        TestTokens.Scoped(role, subject ?? $"sds-{role}-{Guid.NewGuid():N}", parties: [await api.Party("Samsung SDS")]);

    private async Task<Reply> AsSds(HttpMethod method, string url, object? body = null, string role = "viewer") =>
        await api.Send(method, url, body, role: null, token: await Sds(role));

    private static IEnumerable<JsonNode> Items(Reply reply) => reply.ShouldBe(200).Body!["items"]!.AsArray().Select(i => i!);

    [Fact]
    public async Task the_register_shows_its_commitments_and_counts_only_those()
    {
        var register = await AsSds(HttpMethod.Get, "/api/commitments?pageSize=500");

        Items(register).Select(r => r["workstream"]!.GetValue<string>()).ShouldBe(SdsWorkstreams, ignoreOrder: true);
        register.Body!["total"]!.GetValue<long>().ShouldBe(SdsWorkstreams.Length);
        (await api.Get("/api/commitments?pageSize=500")).Body!["total"]!.GetValue<long>().ShouldBeGreaterThan(SdsWorkstreams.Length);
    }

    [Fact]
    public async Task the_memory_supply_answers_404_exactly_as_an_id_that_does_not_exist()
    {
        var memory = await api.Commitment("memory-supply");
        var nowhere = Guid.NewGuid();

        foreach (var path in new[] { "", "/deliveries" })
        {
            var hidden = await AsSds(HttpMethod.Get, $"/api/commitments/{memory}{path}");
            var missing = await AsSds(HttpMethod.Get, $"/api/commitments/{nowhere}{path}");
            hidden.ShouldBe(404);
            missing.ShouldBe(404);
            Shape(hidden, memory).ShouldBe(Shape(missing, nowhere));
        }
        (await api.Get($"/api/commitments/{memory}")).ShouldBe(200);
    }

    /// <summary>A 404 with its id and correlation id taken out: what is left must not tell hidden from missing.</summary>
    private static string Shape(Reply reply, Guid id)
    {
        var body = reply.Body!.AsObject().DeepClone().AsObject();
        body.Remove("correlationId");
        return body.ToJsonString().Replace(id.ToString(), "{id}");
    }

    [Fact]
    public async Task milestones_conditions_agreements_and_ledgers_show_only_what_involves_it()
    {
        var milestones = Items(await AsSds(HttpMethod.Get, "/api/milestones?pageSize=500")).ToList();
        var memory = await api.Commitment("memory-supply");
        milestones.ShouldNotBeEmpty();
        milestones.ShouldAllBe(m => m["milestone"]!["commitmentId"]!.GetValue<Guid>() != memory);

        var agreement = Items(await AsSds(HttpMethod.Get, "/api/agreements")).Single(a => a["kind"]!.GetValue<string>() == "LetterOfIntent");
        var details = await AsSds(HttpMethod.Get, $"/api/agreements/{agreement["id"]!.GetValue<Guid>()}");
        details.ShouldBe(200).Body!["commitmentCounts"]!.AsObject().Sum(c => c.Value!.GetValue<int>()).ShouldBe(SdsWorkstreams.Length);

        var electronics = await api.Party("Samsung Electronics");
        var ledger = await AsSds(HttpMethod.Get, $"/api/parties/{electronics}/ledger");
        ledger.ShouldBe(200).Text.ShouldNotContain(memory.ToString());
        (await api.Get($"/api/parties/{electronics}/ledger")).Text.ShouldContain(memory.ToString());

        // The floating commitments wait on the extension: SDS sees that condition, and only what it sees waits on it.
        var condition = Items(await AsSds(HttpMethod.Get, "/api/conditions")).ShouldHaveSingleItem();
        condition["waitingCommitments"]!.AsArray().Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task a_dependency_on_the_memory_supply_shows_that_it_exists_and_nothing_of_what_it_is()
    {
        var resale = await api.Commitment("resale");
        var memory = await api.Commitment("memory-supply");
        (await api.Post($"/api/commitments/{resale}/dependencies", new { dependsOnCommitmentId = memory, note = "Wafers for the resale pilots" }, "editor"))
            .ShouldBe(201);

        var seen = await AsSds(HttpMethod.Get, $"/api/commitments/{resale}");

        var dependency = seen.ShouldBe(200).Body!["dependencies"]!.AsArray().Single(d => d!["dependsOnKind"]!.GetValue<string>() == "outside-scope")!;
        dependency["dependsOnId"]!.GetValue<Guid>().ShouldBe(Guid.Empty);
        seen.Text.ShouldNotContain(memory.ToString());
        seen.Text.ShouldNotContain("Wafers for the resale pilots");
        seen.Text.ShouldNotContain("DRAM");
    }

    [Fact]
    public async Task it_changes_what_it_sees_and_nothing_else_and_a_refusal_writes_nothing()
    {
        var design = await api.Commitment("datacenter-design");
        var memory = await api.Commitment("memory-supply");
        var token = await Sds("editor");

        (await api.Send(HttpMethod.Post, $"/api/commitments/{design}/owner", new { owner = "Kim at SDS" }, null, token)).ShouldBe(200);

        var before = await api.EventCount();
        (await api.Send(HttpMethod.Post, $"/api/commitments/{memory}/deliveries", new { period = "2026-03", quantity = 1 }, null, token)).ShouldBe(404);
        (await api.Send(HttpMethod.Post, $"/api/commitments/{memory}/owner", new { owner = "Kim at SDS" }, null, token)).ShouldBe(404);
        var pointed = await api.Send(HttpMethod.Post, $"/api/commitments/{design}/dependencies", new { dependsOnCommitmentId = memory }, null, token);
        var nowhere = await api.Send(HttpMethod.Post, $"/api/commitments/{design}/dependencies", new { dependsOnCommitmentId = Guid.NewGuid() }, null, token);
        pointed.ShouldBe(422);
        pointed.Rule.ShouldBe(nowhere.Rule);
        (await api.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task what_it_creates_must_involve_samsung_sds()
    {
        var token = await Sds("legal");
        var sds = await api.Party("Samsung SDS");
        var openAi = await api.Party("OpenAI");
        var before = await api.EventCount();

        var elsewhere = await api.Send(HttpMethod.Post, "/api/agreements", Drafting(openAi), null, token);
        var party = await api.Send(HttpMethod.Post, "/api/parties", new { name = $"Nvidia {Guid.NewGuid():N}" }, null, token);
        var bundle = await api.Send(HttpMethod.Post, "/api/import", new { parties = new[] { new { key = "nvidia", name = "Nvidia" } } }, null, token);

        elsewhere.ShouldBe(403);
        elsewhere.Rule.ShouldBe("outside-scope");
        party.ShouldBe(403);
        bundle.ShouldBe(403);
        (await api.EventCount()).ShouldBe(before);

        var own = await api.Send(HttpMethod.Post, "/api/agreements", Drafting(sds, openAi), null, token);
        own.ShouldBe(201);
        (await api.Send(HttpMethod.Get, $"/api/agreements/{own.Id}", null, null, token)).ShouldBe(200);
    }

    private static object Drafting(params Guid[] parties) => new
    {
        title = "Korean data center services MOU", kind = "MemorandumOfUnderstanding", source = Driving.PublicAnnouncement,
        parties = parties.Select(p => new { partyId = p, role = "Signatory" }).ToArray()
    };

    [Fact]
    public async Task an_admin_limits_a_user_by_assignment_and_lifts_it_with_a_reason()
    {
        var subject = $"counsel-{Guid.NewGuid():N}";
        var counsel = TestTokens.Scoped("viewer", subject);
        (await api.Send(HttpMethod.Get, $"/api/commitments/{await api.Commitment("memory-supply")}", null, null, counsel)).ShouldBe(200);

        var assigned = await api.Send(HttpMethod.Put, $"/api/users/{subject}/scope",
            new { parties = new[] { await api.Party("Samsung SDS") }, reason = "Outside counsel on the SDS data center matter" }, "admin");

        assigned.ShouldBe(200);
        (await api.Send(HttpMethod.Get, $"/api/commitments/{await api.Commitment("memory-supply")}", null, null, counsel)).ShouldBe(404);
        (await api.Send(HttpMethod.Get, "/api/commitments?pageSize=500", null, null, counsel)).Body!["total"]!.GetValue<long>()
            .ShouldBe(SdsWorkstreams.Length);
        var recorded = (await api.EventsOf(assigned.Id)).ShouldHaveSingleItem();
        recorded.EventTypeName.ShouldBe("scope_assigned");
        recorded.UserName.ShouldBe("admin-user");

        (await api.Delete($"/api/users/{subject}/scope?reason=Matter%20closed", "admin")).ShouldBe(200);
        (await api.Send(HttpMethod.Get, $"/api/commitments/{await api.Commitment("memory-supply")}", null, null, counsel)).ShouldBe(200);
    }

    [Fact]
    public async Task an_assignment_narrows_the_claims_and_never_widens_them()
    {
        var subject = $"sds-manager-{Guid.NewGuid():N}";
        var token = await Sds("viewer", subject);
        var agreement = Items(await api.Get("/api/agreements")).Single(a => a["kind"]!.GetValue<string>() == "LetterOfIntent")["id"]!.GetValue<Guid>();
        (await api.Send(HttpMethod.Put, $"/api/users/{subject}/scope", new { agreements = new[] { agreement }, reason = "The whole LOI" }, "admin"))
            .ShouldBe(200);

        // The assignment names the whole agreement, the claims only Samsung SDS: what passes both is what SDS is party to.
        (await api.Send(HttpMethod.Get, "/api/commitments?pageSize=500", null, null, token)).Body!["total"]!.GetValue<long>()
            .ShouldBe(SdsWorkstreams.Length);
    }

    [Fact]
    public async Task a_scoped_user_neither_reads_nor_changes_scopes_and_the_reads_record()
    {
        var token = await Sds("admin");

        (await api.Send(HttpMethod.Put, "/api/users/someone/scope", new { parties = new[] { Guid.NewGuid() }, reason = "r" }, null, token)).ShouldBe(403);
        (await api.Send(HttpMethod.Get, "/api/audit/reads", null, null, token)).ShouldBe(403);
    }

    [Fact]
    public async Task exports_and_privileged_notes_are_recorded_with_who_what_filter_and_rows()
    {
        var subject = $"sds-legal-{Guid.NewGuid():N}";
        var token = await Sds("legal", subject);
        var design = await api.Commitment("datacenter-design");
        (await api.Post($"/api/commitments/{design}/notes", new { text = "Advice on the design liability cap", privileged = true }, "legal"))
            .ShouldBe(200);

        var csv = await api.Send(HttpMethod.Get, "/api/commitments/export.csv?workstream=datacenter-design", null, null, token);
        (await api.Send(HttpMethod.Get, $"/api/commitments/{design}", null, null, token)).Text.ShouldContain("liability cap");

        csv.ShouldBe(200);
        csv.Text.ShouldNotContain("memory-supply");
        var reads = Items(await api.Get($"/api/audit/reads?subject={subject}", "auditor")).ToList();
        var export = reads.Single(r => r["kind"]!.GetValue<string>() == "export");
        export["request"]!.GetValue<string>().ShouldBe("GET /api/commitments/export.csv?workstream=datacenter-design");
        export["rows"]!.GetValue<long>().ShouldBe(1);
        reads.Single(r => r["kind"]!.GetValue<string>() == "privileged-notes")["request"]!.GetValue<string>().ShouldContain(design.ToString());
    }

    [Fact]
    public async Task a_page_of_more_than_a_hundred_rows_is_a_recorded_bulk_read()
    {
        var parties = Enumerable.Range(0, 101).Select(i => new { key = $"bulk-{i}-{Guid.NewGuid():N}", name = $"Supplier {i} {Guid.NewGuid():N}" }).ToArray();
        (await api.Post("/api/import", new { parties })).ShouldBe(200);
        var subject = $"bulk-reader-{Guid.NewGuid():N}";

        (await api.Send(HttpMethod.Get, "/api/parties?pageSize=200", null, null, TestTokens.Scoped("viewer", subject))).ShouldBe(200);
        (await api.Send(HttpMethod.Get, "/api/parties?pageSize=20", null, null, TestTokens.Scoped("viewer", subject))).ShouldBe(200);

        var reads = Items(await api.Get($"/api/audit/reads?subject={subject}", "auditor")).ToList();
        var bulk = reads.ShouldHaveSingleItem();
        bulk["kind"]!.GetValue<string>().ShouldBe("bulk");
        bulk["rows"]!.GetValue<long>().ShouldBeGreaterThan(100);
    }
}
