using System.Text.Json.Nodes;
using LoiTracker.Api.Overview;

namespace LoiTracker.Api.Tests.Overview;

/// <summary>
/// The Monday-morning overview on the reference deal (ADR 26): each figure agrees with the list it links to, the
/// milestones overdue and due within 30 days are the ones the calendar says (and move with a reschedule), and a user scoped to Samsung SDS is
/// counted over its own records only.
/// </summary>
public sealed class when_a_partnership_lead_opens_the_overview(ReferenceDealHost api) : IClassFixture<ReferenceDealHost>
{
    private async Task<long> Total(string url, string? token = null) =>
        (await api.Send(HttpMethod.Get, url, null, token is null ? "viewer" : null, token)).ShouldBe(200).Body!["total"]!.GetValue<long>();

    [Fact]
    public async Task every_figure_agrees_with_the_list_behind_it()
    {
        // 3 March 2026: the reseller agreement (due 31 January) is overdue, the first wafer allocation (31 March) is due within 30 days.
        var monday = new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero);
        api.Clock.SetUtcNow(monday);
        // What the new date sets off (risk worked out again, alerts raised) is done before counting what the read writes.
        await LoiTracker.Api.Risk.RiskSweep.Run(api.Store, monday, CancellationToken.None);
        await api.WaitForProjections();
        await LoiTracker.Api.Alerts.AlertSweep.Run(api.Store, monday, CancellationToken.None);
        await api.WaitForProjections();
        await api.AuditCaughtUp();
        var before = await api.EventCount();

        var overview = (await api.Get("/api/overview")).ShouldBe(200).As<LoiTracker.Api.Overview.Overview>();

        overview.Open.ShouldBe(10);
        overview.Open.ShouldBe((int)await Total(overview.OpenRegister));
        var openAi = overview.Parties.Single(p => p.Name == "OpenAI");
        openAi.Open.ShouldBe((int)await Total(openAi.Register));
        openAi.Workstreams.Sum(w => w.Open).ShouldBe(openAi.Open);
        foreach (var cell in overview.Parties.SelectMany(p => p.Workstreams)) cell.Open.ShouldBe((int)await Total(cell.Register), cell.Register);
        overview.Parties.Select(p => p.Name).ShouldBe(["OpenAI", "Samsung C&T", "Samsung Electronics", "Samsung Heavy Industries", "Samsung SDS"]);

        overview.Overdue.Total.ShouldBe(1);
        overview.Overdue.First.Single().Milestone.Title.ShouldBe("ChatGPT Enterprise reseller agreement signed");
        overview.Overdue.Total.ShouldBe((int)await Total(overview.Overdue.List));
        overview.DueWithin30Days.First.Select(m => m.Milestone.Title).ShouldBe(["First DRAM wafer allocation agreed"]);
        overview.DueWithin30Days.First.Single().Commitment!.Title.ShouldBe("Memory supply for Stargate");

        var risk = (await api.Get("/api/risk?pageSize=500")).ShouldBe(200).Body!["items"]!.AsArray();
        overview.Risk.AtRisk.ShouldBe(risk.Count(r => r!["level"]!.GetValue<string>() == "at-risk"));
        overview.Risk.Watch.ShouldBe(risk.Count(r => r!["level"]!.GetValue<string>() == "watch"));
        overview.Risk.Critical.ShouldBe(risk.Count(r => r!["level"]!.GetValue<string>() == "critical"));

        overview.ChangesLast7Days.ShouldBeGreaterThan(0);
        overview.ChangesLast7Days.ShouldBe(await Total(overview.Changes));
        // The latest five, newest first: the last of the changes list (oldest first) leads.
        overview.LatestChanges.Count.ShouldBe(5);
        overview.LatestChanges.Select(c => c.Sequence).ShouldBeInOrder(SortDirection.Descending);
        var last = (await api.Get($"{overview.Changes}&pageSize=1&page={overview.ChangesLast7Days}")).ShouldBe(200).Body!["items"]!.AsArray().Single()!;
        overview.LatestChanges[0].Sequence.ShouldBe(last["sequence"]!.GetValue<long>());
        (await api.EventCount()).ShouldBe(before);

        // The reseller agreement is moved to 20 March: it leaves the overdue figure and joins those due within 30 days.
        var resale = await api.Commitment("resale");
        var milestone = (await api.Get($"/api/commitments/{resale}")).Body!["milestones"]!.AsArray().Single()!["id"]!.GetValue<Guid>();
        (await api.Post($"/api/commitments/{resale}/milestones/{milestone}/reschedule",
            new { dueOn = "2026-03-20", reason = "Reseller terms still with Korean counsel" }, "editor")).ShouldBe(200);
        await api.WaitForProjections();

        var after = (await api.Get("/api/overview")).ShouldBe(200).As<LoiTracker.Api.Overview.Overview>();
        after.Overdue.Total.ShouldBe(0);
        after.DueWithin30Days.First.Select(m => m.Milestone.Title)
            .ShouldBe(["ChatGPT Enterprise reseller agreement signed", "First DRAM wafer allocation agreed"]);
    }

    [Fact]
    public async Task a_user_scoped_to_samsung_sds_is_counted_over_its_own_records()
    {
        var sds = await api.Party("Samsung SDS");
        var token = TestTokens.Scoped("viewer", $"sds-viewer-{Guid.NewGuid():N}", parties: [sds]);

        var reply = (await api.Send(HttpMethod.Get, "/api/overview", null, null, token)).ShouldBe(200);
        var overview = reply.As<LoiTracker.Api.Overview.Overview>();

        overview.Open.ShouldBe((int)await Total("/api/commitments?status=open", token));
        overview.Open.ShouldBeLessThan(10);
        foreach (var party in overview.Parties) party.Open.ShouldBe((int)await Total(party.Register, token), party.Name);
        reply.Text.ShouldNotContain("memory-supply");
        reply.Text.ShouldNotContain("First DRAM wafer allocation agreed");
    }

    [Fact]
    public async Task the_register_takes_open_as_a_status_and_names_it_when_refusing_another()
    {
        var open = (await api.Get("/api/commitments?status=open&pageSize=500")).ShouldBe(200).Body!["items"]!.AsArray();
        open.Select(r => r!["status"]!.GetValue<string>()).ShouldAllBe(s => s == "Proposed" || s == "Active" || s == "BreachNoticed");

        var refused = (await api.Get("/api/commitments?status=dormant")).ShouldBe(400);
        refused.Body!["errors"]!["status"]!.AsArray().Single()!.GetValue<string>().ShouldContain("open");
    }
}
