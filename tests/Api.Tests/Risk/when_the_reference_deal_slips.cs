using System.Text.Json.Nodes;

namespace LoiTracker.Api.Tests.Risk;

/// <summary>
/// The reference deal's floating undertakings, as a partnership lead watches them (ADR 17): the floating power study is
/// moved past the floating data center's concept, which cannot start in time; the register, the risk list and the graph
/// say so with the chain; the impact of another slip is asked without writing anything; the study is completed and
/// the risk clears.
/// </summary>
public sealed class when_the_reference_deal_slips(ReferenceDealHost api) : IClassFixture<ReferenceDealHost>
{
    private async Task<JsonNode> Milestone(string workstream, string title) =>
        (await api.Get($"/api/commitments/{await api.Commitment(workstream)}")).Body!["milestones"]!.AsArray()
        .Single(m => m!["title"]!.GetValue<string>().Contains(title, StringComparison.OrdinalIgnoreCase))!;

    private async Task<JsonNode?> RiskOf(Guid commitment) =>
        (await api.Get("/api/risk?pageSize=500")).ShouldBe(200).Body!["items"]!.AsArray().SingleOrDefault(r => r!["id"]!.GetValue<Guid>() == commitment);

    [Fact]
    public async Task a_slipped_upstream_puts_its_downstream_at_risk_with_the_chain_and_completing_it_clears_the_risk()
    {
        var power = await api.Commitment("floating-power");
        var datacenters = await api.Commitment("floating-datacenter");
        var study = await Milestone("floating-power", "feasibility");
        var concept = await Milestone("floating-datacenter", "concept");
        (await RiskOf(datacenters)).ShouldBeNull();

        (await api.Post($"/api/commitments/{power}/milestones/{study["id"]}/reschedule",
            new { dueOn = "2027-02-28", reason = "Extension talks slipped into next year" }, "editor")).ShouldBe(200);
        await api.WaitForProjections();

        var risk = (await RiskOf(datacenters)).ShouldNotBeNull();
        risk["level"]!.GetValue<string>().ShouldBe("at-risk");
        var conflict = risk["reasons"]!.AsArray().Single(r => r!["cause"]!.GetValue<string>() == "schedule-conflict")!;
        conflict["chain"]!.AsArray().Select(n => n!["id"]!.GetValue<Guid>()).ShouldBe([datacenters, power, study["id"]!.GetValue<Guid>()]);
        conflict["summary"]!.GetValue<string>().ShouldContain("2027-02-28");
        conflict["summary"]!.GetValue<string>().ShouldContain(concept["dueOn"]!.GetValue<string>());

        var register = (await api.Get("/api/commitments?atRisk=true&pageSize=500")).ShouldBe(200).Body!["items"]!.AsArray();
        var row = register.Single(r => r!["id"]!.GetValue<Guid>() == datacenters)!;
        row["risk"]!["level"]!.GetValue<string>().ShouldBe("at-risk");
        (await api.Get($"/api/commitments/{datacenters}")).Body!["risk"]!["level"]!.GetValue<string>().ShouldBe("at-risk");

        var graph = (await api.Get($"/api/risk/graph?root={datacenters}&depth=1")).ShouldBe(200).Body!;
        var edge = graph["edges"]!.AsArray().Single(e => e!["from"]!.GetValue<Guid>() == datacenters && e["to"]?.GetValue<Guid>() == power)!;
        edge["conflict"]!.GetValue<bool>().ShouldBeTrue();
        graph["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<Guid>() == datacenters)!["level"]!.GetValue<string>().ShouldBe("at-risk");

        // Operations plan a readiness review for March 2027; asking what a 300-day slip of the reference design would hit
        // costs nothing: it is worked out, not written.
        var operations = await api.Commitment("datacenter-operations");
        (await api.Post($"/api/commitments/{operations}/milestones",
            new { title = "Operations readiness review", dueOn = "2027-03-31", ownerPartyId = await api.Party("Samsung SDS") }, "editor")).ShouldBe(201);
        await api.WaitForProjections();
        var design = await Milestone("datacenter-design", "reference");
        var before = await api.EventCount();
        var impact = (await api.Get($"/api/risk/impact?milestone={design["id"]}&slipDays=300")).ShouldBe(200).Body!;
        (await api.EventCount()).ShouldBe(before);
        impact["wouldBeDueOn"]!.GetValue<string>().ShouldBe("2027-04-26");
        var hit = impact["hit"]!.AsArray().Single(h => h!["id"]!.GetValue<Guid>() == operations)!;
        hit["newConflict"]!.GetValue<bool>().ShouldBeTrue();
        hit["levelAfter"]!.GetValue<string>().ShouldBe("at-risk");
        hit["reasons"]!.AsArray().ShouldContain(r => r!["chain"]!.AsArray().Any(n => n!["id"]!.GetValue<Guid>() == Guid.Parse(design["commitmentId"]!.GetValue<string>())));

        (await api.Post($"/api/commitments/{power}/milestones/{study["id"]}/complete", new { completedOn = "2026-03-01" }, "editor")).ShouldBe(200);
        await api.WaitForProjections();

        (await RiskOf(datacenters)).ShouldBeNull();
        (await api.Get("/api/commitments?atRisk=true&pageSize=500")).Body!["items"]!.AsArray().ShouldNotContain(r => r!["id"]!.GetValue<Guid>() == datacenters);
    }

    [Fact]
    public async Task the_sample_marks_the_beneficiaries_it_chose_as_illustrative()
    {
        // The announcement names no beneficiary for the joint data center and floating undertakings: the sample's choice says so.
        (await api.Get($"/api/commitments/{await api.Commitment("floating-datacenter")}")).Body!["beneficiariesIllustrative"]!.GetValue<bool>().ShouldBeTrue();
        (await api.Get($"/api/commitments/{await api.Commitment("datacenter-design")}")).Body!["beneficiariesIllustrative"]!.GetValue<bool>().ShouldBeTrue();
        (await api.Get($"/api/commitments/{await api.Commitment("memory-supply")}")).Body!["beneficiariesIllustrative"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task a_cycle_is_still_refused_with_the_chain_named()
    {
        var operations = await api.Commitment("datacenter-operations");
        var design = await api.Commitment("datacenter-design");
        var before = await api.EventCount();

        var refused = await api.Post($"/api/commitments/{design}/dependencies", new { dependsOnCommitmentId = operations }, "editor");

        refused.ShouldBe(422);
        refused.Rule.ShouldBe("dependency-cycle");
        refused.Title!.ShouldContain("→");
        (await api.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task bad_risk_queries_are_problems_and_an_unknown_milestone_is_404()
    {
        (await api.Get("/api/risk?level=dire")).ShouldBe(400).ErrorsFor("level").ShouldNotBeEmpty();
        (await api.Get("/api/risk/graph?depth=9")).ShouldBe(400).ErrorsFor("depth").ShouldNotBeEmpty();
        (await api.Get($"/api/risk/impact?milestone={Guid.NewGuid()}&slipDays=0")).ShouldBe(400).ErrorsFor("slipDays").ShouldNotBeEmpty();
        (await api.Get($"/api/risk/impact?milestone={Guid.NewGuid()}&slipDays=30")).ShouldBe(404);
        (await api.Get($"/api/risk/graph?root={Guid.NewGuid()}")).ShouldBe(404);
    }
}

/// <summary>
/// Dates cross thresholds without any event: moved by the test's clock, the sweep finds the memory allocation overdue
/// (due 31 March in Seoul) and the daemon puts Stargate capacity, which depends on the memory supply, at risk with the
/// chain. A reader scoped to Samsung SDS sees that a commitment of its own depends on something at risk, never what.
/// </summary>
public sealed class when_the_clock_passes_a_due_date(ReferenceDealHost api) : IClassFixture<ReferenceDealHost>
{
    [Fact]
    public async Task the_milestone_is_overdue_and_what_depends_on_it_is_at_risk()
    {
        var memory = await api.Commitment("memory-supply");
        var stargate = await api.Commitment("other");
        var enterprise = await api.Commitment("enterprise-ai-services");
        (await api.Post($"/api/commitments/{enterprise}/dependencies", new { dependsOnCommitmentId = memory, note = "Wafers for the AI service" }, "editor"))
            .ShouldBe(201);
        await api.WaitForProjections();
        (await api.Get($"/api/commitments/{stargate}")).Body!["risk"]!["level"].ShouldBeNull();

        api.Clock.Advance(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) - api.Clock.GetUtcNow());
        // The sweep's timer runs on the test's clock too; the test does not wait for it, it runs the sweep itself.
        await LoiTracker.Api.Risk.RiskSweep.Run(api.Store, api.Clock.GetUtcNow(), CancellationToken.None);
        await api.WaitForProjections();

        var memoryRisk = (await api.Get($"/api/commitments/{memory}")).Body!["risk"]!;
        memoryRisk["level"]!.GetValue<string>().ShouldBe("at-risk");
        memoryRisk["reasons"]!.AsArray().Select(r => r!["cause"]!.GetValue<string>()).ShouldContain("milestone-overdue");
        var stargateRisk = (await api.Get($"/api/commitments/{stargate}")).Body!["risk"]!;
        stargateRisk["level"]!.GetValue<string>().ShouldBe("at-risk");
        var inherited = stargateRisk["reasons"]!.AsArray().Single(r => r!["cause"]!.GetValue<string>() == "depends-on-risk")!;
        inherited["chain"]!.AsArray().Select(n => n!["kind"]!.GetValue<string>()).ShouldBe(["commitment", "commitment", "milestone"]);
        inherited["summary"]!.GetValue<string>().ShouldContain("overdue");

        var sds = TestTokens.Scoped("viewer", $"sds-{Guid.NewGuid():N}", parties: [await api.Party("Samsung SDS")]);
        var seenBySds = await api.Send(HttpMethod.Get, "/api/risk?pageSize=500", null, null, sds);
        var row = seenBySds.ShouldBe(200).Body!["items"]!.AsArray().Single(r => r!["id"]!.GetValue<Guid>() == enterprise)!;
        row["reasons"]!.AsArray().Single(r => r!["cause"]!.GetValue<string>() == "depends-on-risk")!["summary"]!.GetValue<string>()
            .ShouldEndWith("depends on a commitment outside your scope");
        seenBySds.Text.ShouldNotContain(memory.ToString());
        seenBySds.Text.ShouldNotContain("DRAM");
    }
}
