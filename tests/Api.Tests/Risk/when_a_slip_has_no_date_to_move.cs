using System.Text.Json.Nodes;

namespace LoiTracker.Api.Tests.Risk;

/// <summary>
/// The floating power plants' feasibility study is due 90 days after the extension is agreed, which has not happened:
/// it has no date, so a slip moves nothing and hits nothing. The impact says so, and still names what hangs on the
/// floating power plants (ADR 23): the floating data centers directly, the control centers through them; a reader
/// scoped to Samsung Heavy Industries learns that one more commitment depends on it, never which. Nothing is written.
/// </summary>
public sealed class when_a_slip_has_no_date_to_move(ReferenceDealHost api) : IClassFixture<ReferenceDealHost>
{
    [Fact]
    public async Task the_impact_says_the_date_is_unknown_and_names_what_depends_on_the_commitment()
    {
        var power = await api.Commitment("floating-power");
        var datacenters = await api.Commitment("floating-datacenter");
        var control = await api.Commitment("floating-control-center");
        var enterprise = await api.Commitment("enterprise-ai-services");
        // Control centers hang on the data centers (so on power, two hops away); Samsung SDS's enterprise AI, on power directly.
        (await api.Post($"/api/commitments/{control}/dependencies", new { dependsOnCommitmentId = datacenters }, "editor")).ShouldBe(201);
        (await api.Post($"/api/commitments/{enterprise}/dependencies", new { dependsOnCommitmentId = power }, "editor")).ShouldBe(201);
        await api.WaitForProjections();
        var study = (await api.Get($"/api/commitments/{power}")).Body!["milestones"]!.AsArray()
            .Single(m => m!["title"]!.GetValue<string>() == "Floating power plant feasibility study")!;
        var before = await api.EventCount();

        var impact = (await api.Get($"/api/risk/impact?milestone={study["id"]}&slipDays=30")).ShouldBe(200).Body!;

        (await api.EventCount()).ShouldBe(before);
        impact["dueKnown"]!.GetValue<bool>().ShouldBeFalse();
        impact["dueOn"].ShouldBeNull();
        impact["wouldBeDueOn"].ShouldBeNull();
        impact["pendingOn"]!.GetValue<string>().ShouldContain("Extension to floating power plants");
        impact["hit"]!.AsArray().ShouldBeEmpty();
        var downstream = impact["downstream"]!.AsArray().Select(d => d!).ToList();
        downstream.Select(d => (d["id"]!.GetValue<Guid>(), d["hops"]!.GetValue<int>())).ShouldBe([(enterprise, 1), (datacenters, 1), (control, 2)], ignoreOrder: true);
        var floating = downstream.Single(d => d["id"]!.GetValue<Guid>() == datacenters);
        floating["title"]!.GetValue<string>().ShouldBe("Floating data centers");
        floating["levelNow"]!.GetValue<string>().ShouldBe(floating["levelAfter"]!.GetValue<string>());
        floating["levelChanges"]!.GetValue<bool>().ShouldBeFalse();
        impact["downstreamOutsideScope"]!.GetValue<int>().ShouldBe(0);
        impact["downstreamTruncated"]!.GetValue<bool>().ShouldBeFalse();

        var heavyIndustries = TestTokens.Scoped("viewer", $"shi-{Guid.NewGuid():N}", parties: [await api.Party("Samsung Heavy Industries")]);
        var scoped = (await api.Send(HttpMethod.Get, $"/api/risk/impact?milestone={study["id"]}&slipDays=30", null, null, heavyIndustries)).ShouldBe(200);
        scoped.Body!["downstream"]!.AsArray().Select(d => d!["id"]!.GetValue<Guid>()).ShouldBe([datacenters, control], ignoreOrder: true);
        scoped.Body["downstreamOutsideScope"]!.GetValue<int>().ShouldBe(1);
        scoped.Text.ShouldNotContain(enterprise.ToString());
        scoped.Text.ShouldNotContain("Enterprise AI");
    }

    [Fact]
    public async Task a_dated_milestone_says_its_date_is_known_and_flags_the_level_that_would_change()
    {
        // Operations plan a readiness review for 31 March 2027; the reference design (due 30 June 2026) slipping 300 days
        // lands after it: operations, which depend on the design, would go from no risk to at-risk.
        var design = await api.Commitment("datacenter-design");
        var operations = await api.Commitment("datacenter-operations");
        (await api.Post($"/api/commitments/{operations}/milestones",
            new { title = "Operations readiness review", dueOn = "2027-03-31", ownerPartyId = await api.Party("Samsung SDS") }, "editor")).ShouldBe(201);
        await api.WaitForProjections();
        var reference = (await api.Get($"/api/commitments/{design}")).Body!["milestones"]!.AsArray()
            .Single(m => m!["title"]!.GetValue<string>().StartsWith("Reference design"))!;

        var impact = (await api.Get($"/api/risk/impact?milestone={reference["id"]}&slipDays=300")).ShouldBe(200).Body!;

        impact["dueKnown"]!.GetValue<bool>().ShouldBeTrue();
        impact["pendingOn"].ShouldBeNull();
        impact["wouldBeDueOn"]!.GetValue<string>().ShouldBe("2027-04-26");
        var row = impact["downstream"]!.AsArray().Single(d => d!["id"]!.GetValue<Guid>() == operations)!;
        row["hops"]!.GetValue<int>().ShouldBe(1);
        row["levelNow"]!.GetValue<string>().ShouldBe("none");
        row["levelAfter"]!.GetValue<string>().ShouldBe("at-risk");
        row["levelChanges"]!.GetValue<bool>().ShouldBeTrue();
        impact["hit"]!.AsArray().ShouldContain(h => h!["id"]!.GetValue<Guid>() == operations);
    }
}

/// <summary>The whole graph draws both ends of each edge: the floating power plants risk nothing and depend on nothing, yet the data centers hang on them.</summary>
public sealed class when_the_whole_risk_graph_is_drawn(ReferenceDealHost api) : IClassFixture<ReferenceDealHost>
{
    [Fact]
    public async Task every_edge_has_both_ends_among_the_nodes()
    {
        var power = await api.Commitment("floating-power");
        var datacenters = await api.Commitment("floating-datacenter");

        var graph = (await api.Get("/api/risk/graph")).ShouldBe(200).Body!;

        var nodes = graph["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<Guid>()).ToHashSet();
        nodes.ShouldContain(power);
        graph["edges"]!.AsArray().ShouldContain(e => e!["from"]!.GetValue<Guid>() == datacenters && e["to"]!.GetValue<Guid>() == power);
        graph["edges"]!.AsArray().ShouldAllBe(e => nodes.Contains(e!["from"]!.GetValue<Guid>()) && nodes.Contains(e["to"]!.GetValue<Guid>()));
        graph["truncated"]!.GetValue<bool>().ShouldBeFalse();
    }
}
