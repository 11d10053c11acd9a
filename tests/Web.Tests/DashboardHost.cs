using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace LoiTracker.Web.Tests;

/// <summary>
/// The Api as ./run.sh starts it (its own process, Development, the reference deal loaded into an empty schema of the
/// test PostgreSQL) on a free loopback port, and Debian's Chromium driven by Playwright: no browser is downloaded.
/// </summary>
public class DashboardHost : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string>? _settings;
    private Process? _api;
    private readonly StringBuilder _log = new();
    private IPlaywright? _playwright;

    public DashboardHost() { }

    /// <summary>A host whose Api runs with other settings (a fixture of its own, e.g. <see cref="SweepingDashboardHost"/>).</summary>
    protected DashboardHost(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string Schema { get; } = TestDatabase.NewSchema("web");

    /// <summary>Where the screenshots go: TestResults/screenshots in the repository (a CI artifact).</summary>
    public static string Screenshots { get; } = Path.Combine(Repository, "TestResults", "screenshots");

    public static string Repository
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LoiTracker.sln"))) folder = folder.Parent;
            return folder?.FullName ?? throw new InvalidOperationException("LoiTracker.sln not found above the test folder.");
        }
    }

    public async Task InitializeAsync()
    {
        var port = FreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _api = ApiProcess.Start(BaseAddress, Schema, _log, _settings);
        await ApiProcess.Ready(BaseAddress, _api, () => Log);

        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium(), Headless = true,
            // As root (CI) Chromium needs no sandbox; the pages it opens are ours.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"]
        });
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Debian's Chromium (installed by ./test.sh when missing), or the one LOITRACKER_CHROMIUM names.</summary>
    private static string Chromium()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("LOITRACKER_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c))
               ?? throw new InvalidOperationException("No Chromium: ./test.sh installs Debian's chromium package, or set LOITRACKER_CHROMIUM.");
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }
        if (_api is { HasExited: false })
        {
            _api.Kill(entireProcessTree: true);
            await _api.WaitForExitAsync();
        }
        _api?.Dispose();
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
