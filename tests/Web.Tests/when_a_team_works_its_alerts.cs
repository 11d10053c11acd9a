using System.Net;
using System.Text;
using Microsoft.Playwright;

namespace LoiTracker.Web.Tests;

/// <summary>
/// Issue 14 (items 4 and 5), in a real Chromium, on the reference deal by the real clock: "First DRAM wafer allocation
/// agreed" was due on 2026-03-31, so once the sweep (every second here) has run, its overdue alert is open. A lawyer
/// acknowledges it and finds it under Acknowledged with her name; a viewer reads the inbox without a button; a calendar
/// feed token's address is shown once, reads the milestone, and answers 401 once revoked; an auditor filters the audit
/// log and downloads it, and verifies that nothing was edited; a lawyer is told the log is not hers. Every page: axe-clean at 1280×800 and 390×844.
/// </summary>
public sealed class when_a_team_works_its_alerts(SweepingDashboardHost host) : IClassFixture<SweepingDashboardHost>
{
    private const string Overdue = "First DRAM wafer allocation agreed";

    private Task<IPage> SignedIn(string role, string name, int width = 1280, int height = 800) => Browsing.SignedIn(host, role, width, height, name);

    private static ILocator AlertRow(IPage page) => page.Locator("tbody tr", new() { HasText = Overdue });

    [Fact]
    public async Task a_lawyer_acknowledges_the_overdue_allocation_and_finds_it_under_acknowledged_with_her_name()
    {
        var page = await SignedIn("legal", "Ada Legal");
        await Browsing.Until(page, "/alerts", AlertRow);
        await Browsing.Accessible(page, "alerts-open");
        var row = AlertRow(page);
        (await row.InnerTextAsync()).ShouldContain("Overdue");
        (await row.Locator("td:nth-child(2) a").GetAttributeAsync("href")).ShouldStartWith("/commitments/");
        (await row.InnerTextAsync()).ShouldContain("31 Mar 2026");

        // Filters are in the URL: by party (the milestone's owner is on it), and "mine" (nothing is assigned to Ada).
        await page.GetByLabel("Involving").SelectOptionAsync(new SelectOptionValue { Label = "Samsung Electronics" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("party="));
        (await AlertRow(page).CountAsync()).ShouldBe(1);
        await page.GotoAsync("/alerts?mine=true");
        (await page.Locator(".empty").InnerTextAsync()).ShouldContain("assigned to you");
        await page.GotoAsync("/alerts");

        await row.GetByLabel("Note (optional)").FillAsync("Samsung confirms the allocation on next week's call");
        var sent = page.Context.APIRequest.CreateFormData();
        foreach (var field in await row.Locator("form input").AllAsync())
            sent.Set((await field.GetAttributeAsync("name"))!, await field.InputValueAsync());
        await row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done="));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Alert acknowledged");
        (await AlertRow(page).CountAsync()).ShouldBe(0, "an acknowledged alert leaves the open list");

        // The same form sent again (a double click): its alert is no longer open, yet the post is taken and is one acknowledgement.
        var again = await page.Context.APIRequest.PostAsync("/alerts", new() { Form = sent, MaxRedirects = 0 });
        again.Status.ShouldBe(302);
        again.Headers["location"].ShouldContain("done=");

        await page.GetByRole(AriaRole.Link, new() { Name = "Acknowledged", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("state=acknowledged"));
        var acknowledged = await AlertRow(page).InnerTextAsync();
        acknowledged.ShouldContain("Acknowledged by Ada Legal");
        acknowledged.ShouldContain("Samsung confirms the allocation on next week's call");
        (await AlertRow(page).GetByRole(AriaRole.Button).CountAsync()).ShouldBe(0);
        await Browsing.Accessible(page, "alerts-acknowledged");
    }

    [Fact]
    public async Task a_viewer_reads_the_alerts_without_an_acknowledge_button()
    {
        var viewer = await SignedIn("viewer", "Vic Viewer", 390, 844);
        await Browsing.Until(viewer, "/alerts?state=all", AlertRow);
        (await viewer.Locator("tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        (await viewer.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).CountAsync()).ShouldBe(0);
        (await viewer.Locator(".count").InnerTextAsync()).ShouldContain("editors, lawyers and admins acknowledge them");
        await Browsing.Accessible(viewer, "alerts-viewer-phone");

        var lawyer = await SignedIn("legal", "Lee Legal", 390, 844);
        await Browsing.Until(lawyer, "/alerts", page => page.Locator("tbody tr"));
        (await lawyer.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).CountAsync()).ShouldBeGreaterThan(0);
        await Browsing.Accessible(lawyer, "alerts-phone");
    }

    [Fact]
    public async Task a_feed_token_shows_its_address_once_reads_the_milestone_and_is_refused_once_revoked()
    {
        var page = await SignedIn("legal", "Fay Feeds");
        await page.GotoAsync("/feeds");
        await Browsing.Accessible(page, "feeds");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("cannot simply give you a link");

        await page.GetByLabel("Name (which calendar it is for)").FillAsync("Outlook on my laptop");
        var created = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.Contains("/feeds"));
        (await created.HeaderValueAsync("cache-control")).ShouldBe("no-store");
        await page.WaitForLoadStateAsync();
        var address = await page.GetByRole(AriaRole.Textbox, new() { Name = "Subscription address", Exact = true }).InputValueAsync();
        address.ShouldStartWith($"{host.BaseAddress.ToString().TrimEnd('/')}/api/calendar.ics?token=ltf_");
        (await page.Locator(".secret").InnerTextAsync()).ShouldContain("it will not be shown again");
        await Browsing.Accessible(page, "feeds-token-created");

        using var calendar = new HttpClient();
        using (var feed = await calendar.GetAsync(address))
        {
            feed.StatusCode.ShouldBe(HttpStatusCode.OK);
            feed.Content.Headers.ContentType?.MediaType.ShouldBe("text/calendar");
            (await feed.Content.ReadAsStringAsync()).ShouldContain(Overdue);
        }

        // Opened again, the page lists the token but has no way to show its secret.
        await page.GotoAsync("/feeds");
        var secret = address[(address.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        (await page.ContentAsync()).ShouldNotContain(Uri.UnescapeDataString(secret));
        (await page.GetByRole(AriaRole.Textbox, new() { Name = "Subscription address", Exact = true }).CountAsync()).ShouldBe(0);
        var token = page.Locator("tbody tr", new() { HasText = "Outlook on my laptop" });
        (await token.InnerTextAsync()).ShouldContain("live");

        // Revoking takes a confirmation, a page of its own since there is no script.
        await token.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Revoke") }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("revoke="));
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Revoke “Outlook on my laptop”?" }).CountAsync()).ShouldBe(1);
        await Browsing.Accessible(page, "feeds-revoke-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, revoke it" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done="));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("revoked");
        (await page.Locator("tbody tr", new() { HasText = "Outlook on my laptop" }).InnerTextAsync()).ShouldNotContain("live");

        using (var refused = await calendar.GetAsync(address)) refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var phone = await SignedIn("legal", "Fay Feeds", 390, 844);
        await phone.GotoAsync("/feeds");
        (await phone.Locator("tbody tr", new() { HasText = "Outlook on my laptop" }).CountAsync()).ShouldBe(1);
        await Browsing.Accessible(phone, "feeds-phone");

        var viewer = await SignedIn("viewer", "Vic Viewer", 390, 844);
        await viewer.GotoAsync("/feeds");
        (await viewer.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("may not hold calendar feed tokens");
        (await viewer.GetByRole(AriaRole.Button, new() { Name = "Create" }).CountAsync()).ShouldBe(0);
        await Browsing.Accessible(viewer, "feeds-viewer-phone");
    }

    [Fact]
    public async Task an_auditor_filters_the_log_by_who_and_downloads_what_it_lists()
    {
        var page = await SignedIn("auditor", "Aud Auditor");
        await page.GotoAsync("/audit");
        await Browsing.Accessible(page, "audit");
        await page.GetByLabel("Who (user id)").FillAsync("loitracker-sample");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("actor=loitracker-sample"));
        var who = await page.Locator("tbody tr td:nth-child(2)").AllInnerTextsAsync();
        who.Count.ShouldBeGreaterThan(0);
        who.ShouldAllBe(w => w.Contains("loitracker-sample"));
        var listed = long.Parse((await page.Locator(".count").InnerTextAsync()).Split(' ')[0].Replace(",", ""));
        await Browsing.Accessible(page, "audit-by-actor");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".csv");
        var records = Csv(await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8));
        string.Join(",", records[0]).ShouldBe("sequence,committed_at,recorded_at,actor_subject,actor_name,record_kind,record_id,stream_id,version," +
                                              "event_type,reason,source_kind,source_reference,correlation_id,privileged");
        var rows = records.Skip(1).ToList();
        rows.Count.ShouldBeGreaterThanOrEqualTo((int)listed, "every entry the page counts (the log only grows)");
        rows.ShouldAllBe(r => r.Count == 15 && r[3] == "loitracker-sample");
        var ndjsonLink = await page.GetByRole(AriaRole.Link, new() { Name = "Download NDJSON" }).GetAttributeAsync("href");
        ndjsonLink.ShouldBe("/audit/export.ndjson?actor=loitracker-sample");
        var ndjson = await page.Context.APIRequest.GetAsync(ndjsonLink!);
        ndjson.Status.ShouldBe(200);
        ndjson.Headers["content-type"].ShouldStartWith("application/x-ndjson");
        var lines = (await ndjson.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBeGreaterThanOrEqualTo((int)listed);
        lines.ShouldAllBe(line => System.Text.Json.JsonDocument.Parse(line, default).RootElement.GetProperty("actorSubject").GetString() == "loitracker-sample");

        var phone = await SignedIn("auditor", "Aud Auditor", 390, 844);
        await phone.GotoAsync("/audit?actor=loitracker-sample");
        await Browsing.Accessible(phone, "audit-phone");
    }

    [Fact]
    public async Task an_auditor_verifies_that_nothing_was_edited_and_a_lawyer_is_told_it_is_not_hers()
    {
        var page = await SignedIn("auditor", "Aud Auditor");
        await page.GotoAsync("/audit");
        await page.GetByRole(AriaRole.Link, new() { Name = "Verify that nothing was edited" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/audit/verify"));
        // The job seals every second here: the reference deal's changes are sealed within moments of the start.
        await Browsing.Until(page, "/audit/verify", p => p.Locator(".verdict.intact"));
        var verdict = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        verdict.ShouldStartWith("Intact.");
        verdict.ShouldContain("changes in seals 1 to");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("signed with this Api's key");
        (await page.Locator("table").CountAsync()).ShouldBe(0, "no finding on an untouched record");
        await Browsing.Accessible(page, "audit-verify");

        // The seal to note outside LoiTracker, given back later: still there with its digest.
        var anchor = await page.Locator("code.anchor").InnerTextAsync();
        anchor.ShouldMatch("^[0-9]+:[0-9a-f]{64}$");
        await page.GetByLabel("A seal you noted (number:digest)").FillAsync(anchor);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check it" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("anchor="));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldStartWith("Intact.");

        var lawyer = await SignedIn("legal", "Ada Legal", 390, 844);
        await lawyer.GotoAsync("/audit/verify");
        (await lawyer.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("Only auditors and admins may verify");
        await Browsing.Accessible(lawyer, "audit-verify-refused-phone");
    }

    [Fact]
    public async Task a_lawyer_is_told_the_audit_log_is_for_auditors_and_admins()
    {
        var page = await SignedIn("legal", "Ada Legal", 390, 844);
        await page.GotoAsync("/audit");
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("Only auditors and admins");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).CountAsync()).ShouldBe(0);
        await Browsing.Accessible(page, "audit-refused-phone");

        var export = await page.Context.APIRequest.GetAsync("/audit/export.csv");
        export.Status.ShouldBe(403);
        (await export.TextAsync()).ShouldContain("Only auditors and admins");
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, quotes and line breaks.</summary>
    private static List<List<string>> Csv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add(record);
                record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        return records;
    }
}
