using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace LoiTracker.Web.Tests;

/// <summary>
/// Issue 14's risk page, in a real Chromium, on the reference deal with the real clock (on or after 30 November 2026, so
/// "First DRAM wafer allocation agreed", due 31 March 2026, is long overdue): a partnership lead finds that Stargate's
/// capacity build-out is at risk because of the memory supply, selects it in the graph to read the chain, opens the
/// memory supply's neighbourhood, and asks what a slip of the floating power study would hit (the floating data
/// centers, with nothing written). A refused number of days is shown beside its field; every page is axe-clean at
/// 1280×800 and at phone width, where the graph scrolls inside its own region.
/// </summary>
public sealed class when_a_partnership_lead_reads_the_risk(DashboardHost host) : IClassFixture<DashboardHost>
{
    private Task<IPage> SignedIn(int width = 1280, int height = 800) => Browsing.SignedIn(host, "editor", width, height, "Pat Partnership");

    private static ILocator RiskItem(IPage page, string title) =>
        page.Locator(".risk-list > li").Filter(new() { Has = page.Locator("a.risk-title", new() { HasText = title }) });

    private static ILocator Node(IPage page, string title) => page.Locator("svg.risk-graph").GetByRole(AriaRole.Link, new() { Name = title });

    [Fact]
    public async Task stargate_is_at_risk_because_of_the_memory_supply_and_the_graph_shows_the_chain()
    {
        var page = await SignedIn();
        await RiskWorkedOut(page);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Risk");
        await Accessible(page, "risk");

        var stargate = RiskItem(page, "Stargate AI capacity build-out");
        (await stargate.Locator(".badge").InnerTextAsync()).ShouldBe("at risk");
        var chain = await stargate.Locator(".reasons li").First.InnerTextAsync();
        chain.ShouldContain("Memory supply for Stargate");
        chain.ShouldContain("First DRAM wafer allocation agreed");
        (await stargate.Locator(".chain a").Nth(1).GetAttributeAsync("href")).ShouldStartWith("/commitments/");

        // Selecting is a link: the node is highlighted and its chain is shown beside the graph.
        // The whole graph draws what the at-risk commitments depend on, even the floating power plants, which risk nothing.
        (await Node(page, "Memory supply for Stargate").CountAsync()).ShouldBe(1);
        (await Node(page, "Floating power plants").CountAsync()).ShouldBe(1);
        await Node(page, "Stargate AI capacity build-out").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("selected="));
        (await Node(page, "Stargate AI capacity build-out").GetAttributeAsync("aria-current")).ShouldBe("true");
        var selection = page.Locator("aside.selection");
        (await selection.Locator("h3").InnerTextAsync()).ShouldBe("Why ‘Stargate AI capacity build-out’ is at risk");
        (await selection.InnerTextAsync()).ShouldContain("Memory supply for Stargate");
        (await selection.InnerTextAsync()).ShouldContain("overdue");
        await Accessible(page, "risk-selected");

        // The neighbourhood of the memory supply: Stargate, which depends on it, and nothing of the floating undertakings.
        await RiskItem(page, "Memory supply for Stargate").GetByRole(AriaRole.Link, new() { Name = "Its neighbourhood" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("root="));
        (await page.Locator("h2#graph").InnerTextAsync()).ShouldBe("Around Memory supply for Stargate");
        (await Node(page, "Memory supply for Stargate").GetAttributeAsync("aria-current")).ShouldBe("true");
        (await Node(page, "Stargate AI capacity build-out").CountAsync()).ShouldBe(1);
        (await Node(page, "Floating data centers").CountAsync()).ShouldBe(0);
        await Accessible(page, "risk-neighbourhood");
    }

    [Fact]
    public async Task a_slip_of_the_floating_power_study_would_hit_the_floating_data_centers_and_nothing_is_written()
    {
        using var api = Api();
        var power = await CommitmentId(api, "floating-power");
        var datacenters = await CommitmentId(api, "floating-datacenter");
        var versions = (await Version(api, power), await Version(api, datacenters));
        var changes = await Changes(api);
        var page = await SignedIn();
        await RiskWorkedOut(page);

        await page.GetByLabel("Milestone", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Floating power plant feasibility study (no date yet)" });
        await page.GetByLabel("Slip by (days)").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Work out what it would hit" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("slipDays=30"));

        var answer = page.Locator("section.impact");
        (await answer.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldStartWith("Nothing was written");
        var text = await answer.InnerTextAsync();
        text.ShouldContain("no due date yet");
        text.ShouldContain("Extension to floating power plants");
        (await answer.Locator(".downstream li").Filter(new() { HasText = "Floating data centers" }).InnerTextAsync()).ShouldContain("directly");
        (await page.GetByLabel("Milestone", new() { Exact = true }).InputValueAsync()).ShouldNotBeEmpty("the form keeps what was asked");
        await Accessible(page, "risk-what-if");

        (await Version(api, power), await Version(api, datacenters)).ShouldBe(versions);
        (await Changes(api)).ShouldBe(changes);
    }

    [Fact]
    public async Task a_refused_number_of_days_is_shown_beside_it_and_the_graph_scrolls_inside_the_phone_page()
    {
        using var api = Api();
        var study = (await api.GetFromJsonAsync<JsonNode>("/api/milestones?pageSize=500"))!["items"]!.AsArray()
            .Single(i => i!["milestone"]!["title"]!.GetValue<string>() == "Floating power plant feasibility study")!["milestone"]!["id"]!.GetValue<string>();
        var phone = await SignedIn(390, 844);

        // The field's min and max keep a browser from sending 0; a shared or hand-made link still can, and the API's words show.
        await phone.GotoAsync($"/risk?milestone={study}&slipDays=0#what-if");
        (await phone.Locator("#slipDays-error").InnerTextAsync()).ShouldContain("days");
        (await phone.Locator("section.impact").CountAsync()).ShouldBe(0);
        await Accessible(phone, "risk-what-if-refused-phone");

        await RiskWorkedOut(phone);
        var region = phone.GetByRole(AriaRole.Region, new() { Name = "Risk graph (scrolls sideways)" });
        (await region.GetAttributeAsync("tabindex")).ShouldBe("0");
        (await region.EvaluateAsync<bool>("r => r.scrollWidth > r.clientWidth")).ShouldBeTrue("the graph scrolls in its region");
        (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the page itself does not");
        await Accessible(phone, "risk-phone");
    }

    private static Task Accessible(IPage page, string name) => Browsing.Accessible(page, name);

    /// <summary>The risk page once the daemon has worked out the reference deal's risk (it does so after the Api starts).</summary>
    private static Task RiskWorkedOut(IPage page) => Browsing.Until(page, "/risk", p => RiskItem(p, "Stargate AI capacity build-out"));

    private HttpClient Api()
    {
        var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("viewer"));
        return http;
    }

    private static async Task<string> CommitmentId(HttpClient api, string workstream) =>
        (await api.GetFromJsonAsync<JsonNode>($"/api/commitments?workstream={workstream}"))!["items"]!.AsArray().Single()!["id"]!.GetValue<string>();

    private static async Task<long> Version(HttpClient api, string commitment) =>
        (await api.GetFromJsonAsync<JsonNode>($"/api/commitments/{commitment}"))!["version"]!.GetValue<long>();

    private static async Task<long> Changes(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonNode>("/api/changes?since=2000-01-01T00:00:00Z"))!["total"]!.GetValue<long>();
}
