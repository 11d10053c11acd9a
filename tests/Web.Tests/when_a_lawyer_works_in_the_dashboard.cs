using Microsoft.Playwright;

namespace LoiTracker.Web.Tests;

/// <summary>
/// Issue 13's walk, in a real Chromium: a development user signs in, finds what Samsung SDS owes OpenAI in the
/// register, opens the letter of intent and one commitment, reschedules a milestone through the form and sees the
/// change; a field the API refuses is shown beside its field; every page has no serious or critical axe-core violation,
/// at 1280×800 and at phone width; a screenshot of each page is kept.
/// </summary>
public sealed class when_a_lawyer_works_in_the_dashboard(DashboardHost host) : IClassFixture<DashboardHost>
{
    /// <summary>Signed in, on the register (the overview is the first page since issue 14).</summary>
    private async Task<IPage> SignedIn(string role = "legal", int width = 1280, int height = 800)
    {
        var page = await Browsing.SignedIn(host, role, width, height);
        await page.GotoAsync("/register");
        return page;
    }

    private static Task Accessible(IPage page, string name) => Browsing.Accessible(page, name);

    [Fact]
    public async Task a_lawyer_finds_what_samsung_sds_owes_openai_opens_the_loi_and_reschedules_a_milestone()
    {
        var page = await SignedIn();
        await Accessible(page, "register");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Obligations register");

        await page.GetByLabel("Owed by").SelectOptionAsync(new SelectOptionValue { Label = "Samsung SDS" });
        await page.GetByLabel("Owed to").SelectOptionAsync(new SelectOptionValue { Label = "OpenAI" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("obligor="));
        var rows = page.Locator("tbody tr");
        (await rows.CountAsync()).ShouldBeGreaterThan(0);
        foreach (var owedBy in await rows.Locator("td:nth-child(2)").AllInnerTextsAsync()) owedBy.ShouldContain("Samsung SDS");
        foreach (var owedTo in await rows.Locator("td:nth-child(3)").AllInnerTextsAsync()) owedTo.ShouldContain("OpenAI");
        await Accessible(page, "register-sds-owes-openai");
        var filtered = page.Url;

        // The letter of intent, from the row.
        await rows.First.Locator("td:nth-child(4) a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/agreements/"));
        (await page.Locator("h1").InnerTextAsync()).ShouldContain("Samsung");
        (await page.Locator(".provisions li").CountAsync()).ShouldBeGreaterThan(0);
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Samsung SDS");
        await Accessible(page, "agreement");

        // One commitment, and a milestone rescheduled through its form.
        await page.GotoAsync(filtered);
        await page.Locator("tbody tr").First.Locator("td:first-child a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/commitments/"));
        await Accessible(page, "commitment");
        var form = page.Locator("form.inline").First;
        (await form.CountAsync()).ShouldBe(1, "a milestone to reschedule");
        await form.Locator("input[type=date]").FillAsync("2027-05-31");
        await form.GetByLabel("Reason").FillAsync("Data center site survey moved to the spring");
        await form.GetByRole(AriaRole.Button, new() { Name = "Reschedule" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done="));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Milestone rescheduled");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("31 May 2027");
        await Accessible(page, "commitment-rescheduled");
    }

    [Fact]
    public async Task a_refused_field_is_shown_beside_it_and_a_viewer_is_offered_no_form()
    {
        var page = await SignedIn();
        await page.Locator("tbody tr").First.Locator("td:first-child a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/commitments/"));
        var form = page.Locator("form.inline").First;
        // A reason of spaces only passes the browser's check; the API refuses it, and the page says why, beside the field.
        await form.GetByLabel("Reason").FillAsync("   ");
        await form.GetByRole(AriaRole.Button, new() { Name = "Reschedule" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        (await page.Locator(".field-error").AllInnerTextsAsync()).ShouldContain(text => text.Contains("Reason", StringComparison.OrdinalIgnoreCase));
        await Accessible(page, "commitment-refused");

        var viewer = await SignedIn("viewer", 390, 844);
        await Accessible(viewer, "register-phone");
        await viewer.Locator("tbody tr").First.Locator("td:first-child a").ClickAsync();
        await viewer.WaitForURLAsync(url => url.Contains("/commitments/"));
        (await viewer.Locator("form.inline").CountAsync()).ShouldBe(0);
        await Accessible(viewer, "commitment-phone");
    }

    [Fact]
    public async Task a_lawyer_drafts_an_agreement_records_a_provision_makes_a_commitment_and_plans_its_milestone()
    {
        var page = await SignedIn();
        await page.GotoAsync("/agreements");
        await Accessible(page, "agreements");
        var title = $"Memorandum on Korean data centers {Guid.NewGuid():N}"[..48];
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Kind").SelectOptionAsync("MemorandumOfUnderstanding");
        await page.GetByLabel("First party").SelectOptionAsync(new SelectOptionValue { Label = "OpenAI" });
        await page.GetByLabel("Second party").SelectOptionAsync(new SelectOptionValue { Label = "Samsung SDS" });
        await page.GetByLabel("Source", new() { Exact = true }).SelectOptionAsync("Internal");
        await page.GetByLabel("Source reference").FillAsync("Working draft of 2026-03-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Draft" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/agreements/") && url.Contains("done="));
        (await page.Locator("h1").InnerTextAsync()).ShouldBe(title);

        var provision = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Record a provision" }) });
        await provision.GetByLabel("Reference").FillAsync("§1");
        await provision.GetByLabel("Heading").FillAsync("Data center operations");
        await provision.GetByLabel("Text").FillAsync("Samsung SDS designs and operates AI data centers in Korea.");
        await provision.GetByLabel("Binding").CheckAsync();
        await provision.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done="));
        (await page.Locator(".provisions").InnerTextAsync()).ShouldContain("Data center operations");
        await Accessible(page, "agreement-drafted");

        var commitment = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Make a commitment" }) });
        await commitment.GetByLabel("Title").FillAsync("Operate the Pohang data center");
        await commitment.GetByLabel("Terms").FillAsync("Samsung SDS operates the data center for OpenAI.");
        await commitment.GetByLabel("Owed by").SelectOptionAsync(new SelectOptionValue { Label = "Samsung SDS" });
        await commitment.GetByLabel("Owed to").SelectOptionAsync(new SelectOptionValue { Label = "OpenAI" });
        await commitment.GetByRole(AriaRole.Button, new() { Name = "Make commitment" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/commitments/") && url.Contains("done="));
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Operate the Pohang data center");

        var plan = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Plan a milestone" }) });
        await plan.GetByLabel("Title").FillAsync("Site handed over");
        await plan.GetByLabel("Due on").FillAsync("2027-01-29");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Plan" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done="));
        (await page.Locator("main").InnerTextAsync()).ShouldContain("29 Jan 2027");
        await Accessible(page, "commitment-planned");
    }
}
