// ./bench.sh ui (bench/ui.sh): signs in to the dashboard as a development admin in Debian's Chromium, then
//   1. asks each page through the browser context's own HTTP client (the session cookie, no rendering) REPETITIONS
//      times after WARMUP: the time to the last byte, on loopback, is the page's server time (target: p95 <= 200 ms);
//   2. opens the overview and the register in a tab REPETITIONS times: the Navigation Timing's loadEventEnd, from the
//      navigation's start to a page laid out with its stylesheet (target: p95 <= 1 s).
// Prints one line per page: status, bytes, p50, p95, max, and whether the target is met.
// usage: UiBench <base-url> <pages-file> [repetitions] [warmup]    pages-file: one "name<TAB>path" per line
using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

var baseUrl = args[0].TrimEnd('/');
var pages = File.ReadAllLines(args[1]).Where(l => l.Contains('\t')).Select(l => l.Split('\t', 2)).Select(p => (Name: p[0], Path: p[1])).ToList();
var repetitions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
var warmup = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
var chromium = Environment.GetEnvironmentVariable("LOITRACKER_CHROMIUM") ?? "/usr/bin/chromium";

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"] });
var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
var tab = await context.NewPageAsync();
await tab.GotoAsync("/signin");
await tab.GetByLabel("Name").FillAsync("Bench Admin");
await tab.GetByLabel("Role").SelectOptionAsync("admin");
await tab.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
await tab.WaitForURLAsync(url => !url.Contains("/signin"));

static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
string Row(string name, string what, int status, long bytes, List<double> times, double target)
{
    times.Sort();
    var p95 = P(times, 0.95);
    return string.Create(CultureInfo.InvariantCulture,
        $"{what,-7} {name,-22} status {status} {bytes / 1024.0,8:0.0} KiB  p50 {P(times, 0.5),7:0.0} ms  p95 {p95,7:0.0} ms  max {times[^1],7:0.0} ms  target p95 <= {target:0} ms: {(status == 200 && p95 <= target ? "met" : "NOT met")}");
}

Console.WriteLine($"ui-bench {baseUrl}: {repetitions} timed requests per page after {warmup} untimed");
foreach (var (name, path) in pages)
{
    var times = new List<double>();
    int status = 0; long bytes = 0;
    for (var i = 0; i < warmup + repetitions; i++)
    {
        var clock = Stopwatch.StartNew();
        var response = await context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
        var body = await response.BodyAsync();
        clock.Stop();
        status = response.Status; bytes = body.Length;
        if (i >= warmup) times.Add(clock.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine(Row(name, "server", status, bytes, times, 200));
}

foreach (var (name, path) in pages.Where(p => p.Name is "overview" or "register"))
{
    var times = new List<double>();
    int status = 0;
    for (var i = 0; i < warmup + repetitions; i++)
    {
        var response = await tab.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
        status = response?.Status ?? 0;
        var loaded = await tab.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventEnd");
        if (i >= warmup) times.Add(loaded);
    }
    Console.WriteLine(Row(name, "browser", status, 0, times, 1000));
}
