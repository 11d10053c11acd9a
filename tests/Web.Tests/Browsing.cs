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

    /// <summary>
    /// Opens <paramref name="url"/> again until <paramref name="shown"/> is visible on it (or, with <paramref name="gone"/>,
    /// until it is not), at most 90 s: for what the Api does after answering (the daemon's views, the alert sweep, the
    /// audit job), which a page shows on a later visit. Each visit waits for the locator as Playwright does.
    /// </summary>
    public static async Task Until(IPage page, string url, Func<IPage, ILocator> shown, bool gone = false)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await page.GotoAsync(url);
            try
            {
                var expect = Assertions.Expect(shown(page).First);
                if (gone) await expect.ToBeHiddenAsync(new() { Timeout = 2_000 });
                else await expect.ToBeVisibleAsync(new() { Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // not there yet: open the page again
            }
        }
    }
}
