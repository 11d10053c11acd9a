using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace LoiTracker.Contract.Tests;

/// <summary>
/// The real Api as a process of its own (<c>dotnet src/Api/bin/…/LoiTracker.Api.dll</c>, as ./run.sh starts it) on a loopback
/// port of 5100-5199, in a schema of its own on the test PostgreSQL, trusting the test signing key: clients in this
/// process and in node reach it the way any client does.
/// </summary>
public sealed class ContractHost : IAsyncLifetime
{
    private Process? _api;
    private readonly StringBuilder _log = new();

    public string Schema { get; } = TestDatabase.NewSchema("contract");
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The document as the Api serves it, fetched once.</summary>
    public string Document { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var port = FreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        // The Api's own build output (same configuration as this test), not this folder: the Api scans the assemblies
        // beside it, and the test assemblies are no part of it.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var apiFolder = Path.Combine(ClientTools.Repository, "src", "Api", "bin", output.Parent!.Name, output.Name);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = apiFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false
        };
        start.ArgumentList.Add(Path.Combine(apiFolder, "LoiTracker.Api.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Urls"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["ConnectionStrings__Marten"] = TestDatabase.ConnectionString;
        start.Environment["Database__Schema"] = Schema;
        start.Environment["Auth__SigningKey"] = TestTokens.SigningKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        _api = Process.Start(start) ?? throw new InvalidOperationException("The Api did not start.");
        _api.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _api.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _api.BeginOutputReadLine();
        _api.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_api.HasExited) throw new InvalidOperationException($"The Api stopped with {_api.ExitCode}:\n{Log}");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The Api did not answer on {BaseAddress}:\n{Log}");
            await Task.Delay(250);
        }
        Document = await http.GetStringAsync("/openapi/v1.json");
    }

    /// <summary>What the Api printed: shown when it fails to start.</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public HttpClient Client(string? role)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (role is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(role));
        return http;
    }

    public async Task DisposeAsync()
    {
        if (_api is { HasExited: false })
        {
            _api.Kill(entireProcessTree: true);
            await _api.WaitForExitAsync();
        }
        _api?.Dispose();
        await TestDatabase.DropSchema(Schema);
    }

    /// <summary>The first port of 5100-5199 nothing listens on, tried from a random start so parallel runs rarely meet.</summary>
    private static int FreeLoopbackPort()
    {
        var start = Random.Shared.Next(100);
        for (var i = 0; i < 100; i++)
        {
            var port = 5100 + (start + i) % 100;
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try the next
            }
        }
        throw new InvalidOperationException("No free loopback port in 5100-5199.");
    }
}

[CollectionDefinition(Name)]
public sealed class ContractCollection : ICollectionFixture<ContractHost>, ICollectionFixture<ClientTools>
{
    public const string Name = "contract";
}
