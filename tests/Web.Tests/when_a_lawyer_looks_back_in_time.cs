using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoiTracker.Web.Tests;

/// <summary>
/// Issue 14's time in the dashboard, in a real Chromium on the reference deal: the timeline shows what is overdue
/// (the real clock is past 31 March 2026) and what waits on a condition; a milestone rescheduled through the commitment
/// page shows in its History with the reason and who did it; the page as known before the reschedule marks the old due
/// date as different from today's. The audit trail lags a commit by a job run, so a page is reloaded until it shows
/// what it should (Playwright expectations, no sleep). Every page is axe-clean at 1280×800 and at phone width.
/// </summary>
public sealed class when_a_lawyer_looks_back_in_time(DashboardHost host) : IClassFixture<DashboardHost>
{
    [Fact]
    public async Task the_timeline_shows_the_dram_allocation_overdue_and_the_floating_power_study_waiting_on_a_condition()
    {
        var page = await Browsing.SignedIn(host);
        await page.GotoAsync("/timeline");
        var allocation = page.Locator("table.timeline-table tr", new() { HasText = "First DRAM wafer allocation agreed" });
        // The schedule view is kept by the daemon: the first read after the deal is loaded may come before it.
        await Reloaded(page, allocation, "overdue");
        await Expect(allocation).ToContainTextAsync("31 Mar 2026");
        await Expect(page.Locator("ul.undated")).ToContainTextAsync("Floating power plant feasibility study");
        await Expect(page.Locator("ul.undated li", new() { HasText = "Floating power plant feasibility study" })).ToContainTextAsync("waits on");

        // The picture: one image with a name, marks by shape, each a link to its commitment for a pointer.
        await Expect(page.Locator("svg.timeline[role=img]")).ToHaveCountAsync(1);
        await Expect(page.Locator("svg.timeline path.mark.overdue").First).ToBeAttachedAsync();
        (await page.Locator("svg.timeline-links a[href^='/commitments/']").CountAsync()).ShouldBeGreaterThan(0);
        var region = page.GetByRole(AriaRole.Region, new() { Name = "Timeline chart (scrolls sideways)" });
        await Expect(region).ToHaveAttributeAsync("tabindex", "0");
        await Browsing.Accessible(page, "timeline");

        var phone = await Browsing.SignedIn(host, "viewer", 390, 844);
        await phone.GotoAsync("/timeline");
        await Expect(phone.Locator("table.timeline-table")).ToContainTextAsync("First DRAM wafer allocation agreed");
        await Browsing.Accessible(phone, "timeline-phone");
    }

    [Fact]
    public async Task a_rescheduled_milestone_shows_in_history_and_the_page_as_known_before_marks_its_old_date()
    {
        var page = await Browsing.SignedIn(host, name: "Ada Legal");
        await page.GotoAsync("/timeline");
        await page.Locator("table.timeline-table").GetByRole(AriaRole.Link, new() { Name = "Floating data centers", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/commitments/"));
        var commitment = page.Url.Split('?')[0];

        // What the audit trail knew before the reschedule: up to the newest change in the commitment's History.
        var newest = page.Locator("table.history tbody tr").First;
        await Reloaded(page, page.Locator("#history-title + p"), "in all");
        var before = AsKnownInput(DateTimeOffset.Parse((await newest.Locator("time").GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture));

        var form = page.Locator("table.milestones tr", new() { HasText = "Floating data center concept design" }).Locator("form.inline").First;
        await form.Locator("input[type=date]").FillAsync("2027-03-31");
        await form.GetByLabel("Reason").FillAsync("Concept design waits for the hull survey");
        await form.GetByRole(AriaRole.Button, new() { Name = "Reschedule" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done="));

        var history = page.Locator("table.history");
        await Reloaded(page, history, "Concept design waits for the hull survey");
        var rescheduled = history.Locator("tr", new() { HasText = "Concept design waits for the hull survey" });
        await Expect(rescheduled).ToContainTextAsync("Ada Legal");
        await Expect(history.Locator("tbody tr").First).ToContainTextAsync("Concept design waits for the hull survey"); // newest first
        await Browsing.Accessible(page, "commitment-history");

        await page.GetByLabel("As known at (UTC)").FillAsync(before);
        await page.GetByRole(AriaRole.Button, new() { Name = "See as known" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("asOf="));
        await Reloaded(page, page.Locator(".banner"), "read-only");
        var due = page.Locator("table.milestones tr", new() { HasText = "Floating data center concept design" }).Locator("td").Nth(1);
        await Expect(due.Locator("mark.then")).ToHaveTextAsync("31 Dec 2026");
        await Expect(due.Locator(".now")).ToHaveTextAsync("(now: 31 Mar 2027)");
        await Expect(page.Locator("form.inline")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Differences from today" })).ToBeVisibleAsync();
        await Browsing.Accessible(page, "commitment-as-known");

        var phone = await Browsing.SignedIn(host, "viewer", 390, 844);
        await phone.GotoAsync(page.Url);
        await Reloaded(phone, phone.Locator(".banner"), "read-only");
        await Browsing.Accessible(phone, "commitment-as-known-phone");
    }

    [Fact]
    public async Task a_date_before_the_record_existed_is_said_plainly_and_the_agreement_is_seen_as_known_read_only()
    {
        var page = await Browsing.SignedIn(host);
        await page.GotoAsync("/agreements");
        await page.Locator("main a[href^='/agreements/']").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/agreements/"));
        var agreement = page.Url.Split('?')[0];

        await page.GotoAsync($"{agreement}?asOf=2025-01-01");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not recorded yet at the end of 1 Jan 2025 (23:59:59 UTC)");
        await Expect(page.Locator("form.card")).ToHaveCountAsync(0);

        // Seen at the newest change its History knows: nothing differs, and still no form is offered.
        await page.GotoAsync(agreement);
        await Reloaded(page, page.Locator("#history-title + p"), "in all");
        var newest = AsKnownInput(DateTimeOffset.Parse((await page.Locator("table.history tbody tr").First.Locator("time").GetAttributeAsync("datetime"))!,
            CultureInfo.InvariantCulture));
        await page.GetByLabel("As known at (UTC)").FillAsync(newest);
        await page.GetByRole(AriaRole.Button, new() { Name = "See as known" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("asOf="));
        await Reloaded(page, page.Locator(".banner"), "read-only");
        await Expect(page.Locator("form.card")).ToHaveCountAsync(0);
        await Expect(page.Locator(".provisions li").First).ToBeVisibleAsync();
        await Browsing.Accessible(page, "agreement-as-known");
    }

    /// <summary>Reloads the page until <paramref name="locator"/> shows <paramref name="text"/>: what the daemon or the audit job has not reached yet.</summary>
    private static async Task Reloaded(IPage page, ILocator locator, string text, int attempts = 60)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Expect(locator).ToContainTextAsync(text, new() { Timeout = 500 });
                return;
            }
            catch (PlaywrightException) when (attempt < attempts)
            {
                await page.ReloadAsync();
            }
        }
    }

    /// <summary>
    /// The instant as a <c>datetime-local</c> value read as UTC, rounded up to the millisecond (so the change committed at
    /// that instant counts), in the shortest form Chromium keeps.
    /// </summary>
    private static string AsKnownInput(DateTimeOffset committed)
    {
        var ticks = committed.UtcTicks;
        var up = new DateTime(ticks + (TimeSpan.TicksPerMillisecond - ticks % TimeSpan.TicksPerMillisecond) % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        return up.ToString(up.Millisecond > 0 ? "yyyy-MM-dd'T'HH:mm:ss.FFF" : up.Second > 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm",
            CultureInfo.InvariantCulture);
    }
}
