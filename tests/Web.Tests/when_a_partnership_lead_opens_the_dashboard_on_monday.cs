using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LoiTracker.Web.Tests;

/// <summary>
/// Issue 14's "done when", in a real Chromium on the reference deal by the real clock (on or after 30 November 2026:
/// "First DRAM wafer allocation agreed", due 31 March 2026, is overdue, and the alert sweep runs every second): a
/// development user starts on the overview, finds what is at risk and why (Stargate's capacity through the memory
/// supply), what a slip of the floating power plants would hit, and what changed in the last week; then reschedules the
/// overdue allocation and watches the risk clear, the overdue alert resolve and the overview's figures move.
/// </summary>
public sealed class when_a_partnership_lead_opens_the_dashboard_on_monday(SweepingDashboardHost host) : IClassFixture<SweepingDashboardHost>
{
    private const string Allocation = "First DRAM wafer allocation agreed";
    private const string Stargate = "Stargate AI capacity build-out";

    private static ILocator RiskItem(IPage page, string title) =>
        page.Locator(".risk-list > li").Filter(new() { Has = page.Locator("a.risk-title", new() { HasText = title }) });

    private static ILocator AllocationAlert(IPage page) => page.Locator("tbody tr", new() { HasText = Allocation });

    /// <summary>A figure of the overview: the number shown on the link that names it.</summary>
    private static async Task<int> Figure(IPage page, string words) =>
        int.Parse(await page.Locator("ul.figures a", new() { HasText = words }).Locator("strong").InnerTextAsync(), NumberStyles.AllowThousands,
            CultureInfo.InvariantCulture);

    [Fact]
    public async Task the_lead_finds_what_is_at_risk_and_why_what_a_slip_would_hit_and_what_changed_then_moves_a_date_and_watches_it_all_move()
    {
        var page = await Browsing.SignedIn(host, "editor", name: "Pat Partnership");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Overview");
        // The overdue allocation's alert is raised by the sweep: wait for it, so the figures below are the settled ones.
        await Browsing.Until(page, "/alerts", AllocationAlert);
        await page.GotoAsync("/");
        await Browsing.Accessible(page, "overview");
        var overdueBefore = await Figure(page, "overdue milestones");
        overdueBefore.ShouldBeGreaterThan(0);
        (await page.Locator("#overdue + div table").InnerTextAsync()).ShouldContain(Allocation);
        var atRiskBefore = await Figure(page, "commitments at risk");
        atRiskBefore.ShouldBeGreaterThan(0);
        (await page.Locator("table", new() { HasText = "Open commitments of each party" }).InnerTextAsync()).ShouldContain("Samsung Electronics");

        // What is at risk, and why: from the figure to the risk page, where Stargate's reason names the memory supply.
        await page.Locator("ul.figures a", new() { HasText = "commitments at risk" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/risk$"));
        var stargate = RiskItem(page, Stargate);
        (await stargate.Locator(".badge").InnerTextAsync()).ShouldBe("at risk");
        var why = await stargate.Locator(".reasons li").First.InnerTextAsync();
        why.ShouldContain("Memory supply for Stargate");
        why.ShouldContain(Allocation);

        // What a slip of the floating power plants would hit, worked out without writing anything.
        await page.GetByLabel("Milestone", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = "Floating power plant feasibility study (no date yet)" });
        await page.GetByLabel("Slip by (days)").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Work out what it would hit" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("slipDays=30"));
        var impact = page.Locator("section.impact");
        (await impact.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldStartWith("Nothing was written");
        (await impact.Locator(".downstream li").AllInnerTextsAsync()).ShouldContain(hit => hit.Contains("Floating data centers"));

        // What changed in the last week: the figure's link lists it, each change a sentence a lawyer reads.
        await page.GotoAsync("/");
        var changed = await Figure(page, "changes in the last 7 days");
        changed.ShouldBeGreaterThan(0);
        await page.Locator("ul.figures a", new() { HasText = "changes in the last 7 days" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/changes"));
        (await page.Locator("p.count").InnerTextAsync()).ShouldStartWith($"{changed} change");
        (await page.Locator("tbody").InnerTextAsync()).ShouldContain($"planned the milestone '{Allocation}'");
        await Browsing.Accessible(page, "changes");

        // The allocation moves 60 days out: the memory supply is no longer late, so Stargate is no longer at risk through it.
        await OpenCommitment(page, "Memory supply for Stargate");
        var row = page.Locator("table.milestones tr", new() { HasText = Allocation });
        var newDate = DateTime.UtcNow.Date.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await row.Locator("input[type=date]").First.FillAsync(newDate);
        await row.GetByLabel("Reason").FillAsync("Allocation follows Samsung's capacity review");
        await row.GetByRole(AriaRole.Button, new() { Name = "Reschedule" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.milestones tr", new() { HasText = Allocation }))
            .ToContainTextAsync(DateTime.UtcNow.Date.AddDays(60).ToString("d MMM yyyy", CultureInfo.InvariantCulture));

        await Browsing.Until(page, "/risk", p => RiskItem(p, Stargate), gone: true);
        await Browsing.Until(page, "/alerts?state=resolved", AllocationAlert);
        (await AllocationAlert(page).InnerTextAsync()).ShouldContain("Resolved on");
        await Browsing.Until(page, "/alerts", AllocationAlert, gone: true);
        await Browsing.Accessible(page, "alerts-resolved");

        await page.GotoAsync("/");
        (await Figure(page, "overdue milestones")).ShouldBe(overdueBefore - 1);
        (await Figure(page, "commitments at risk")).ShouldBeLessThan(atRiskBefore);
        (await page.Locator("#overdue + div table").InnerTextAsync()).ShouldNotContain(Allocation);
        (await Figure(page, "changes in the last 7 days")).ShouldBeGreaterThan(changed);
        await Browsing.Accessible(page, "overview-after-the-reschedule");

        var phone = await Browsing.SignedIn(host, "viewer", 390, 844, "Vic Viewer");
        await phone.GotoAsync("/");
        (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the overview fits a phone");
        await Browsing.Accessible(phone, "overview-phone");
    }

    /// <summary>Opens a commitment from the register by its title.</summary>
    private static async Task OpenCommitment(IPage page, string title)
    {
        await page.GotoAsync($"/register?q={Uri.EscapeDataString(title)}");
        await page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/commitments/"));
    }
}
