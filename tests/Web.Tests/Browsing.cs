using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace LoiTracker.Web.Tests;

/// <summary>What every browser test does: sign in as a development user, and check a page the way a user would meet it.</summary>
public static class Browsing
{
    /// <summary>A new browser context at the given size, signed in through the Development sign-in page.</summary>
    public static async Task<IPage> SignedIn(DashboardHost host, string role = "legal", int width = 1280, int height = 800, string name = "Ada Legal")
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height }
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        page.Url.ShouldContain("/signin");
        await Accessible(page, "sign-in");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Role").SelectOptionAsync(role);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin"));
        return page;
    }

    /// <summary>No serious or critical axe-core violation; a screenshot kept under TestResults/screenshots.</summary>
    public static async Task Accessible(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardHost.Screenshots, $"{name}.png"), FullPage = true });
        AxeResult result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}").ToList();
        serious.ShouldBeEmpty($"axe-core on {name}");
    }
}
