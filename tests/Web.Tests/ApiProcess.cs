using System.Diagnostics;
using System.Text;

namespace LoiTracker.Web.Tests;

/// <summary>The Api as ./run.sh starts it: its own process, Development, the reference deal, on a schema of the test PostgreSQL.</summary>
public static class ApiProcess
{
    public static Process Start(Uri address, string schema, StringBuilder log, IReadOnlyDictionary<string, string>? settings = null)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var apiFolder = Path.Combine(DashboardHost.Repository, "src", "Api", "bin", output.Parent!.Name, output.Name);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(DashboardHost.Repository, "src", "Api"), RedirectStandardOutput = true, RedirectStandardError = true,
            UseShellExecute = false
        };
        start.ArgumentList.Add(Path.Combine(apiFolder, "LoiTracker.Api.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Urls"] = address.ToString().TrimEnd('/');
        start.Environment["ConnectionStrings__Marten"] = TestDatabase.ConnectionString;
        start.Environment["Database__Schema"] = schema;
        start.Environment["Auth__SigningKey"] = TestTokens.SigningKey;
        start.Environment["Sample__LoadWhenEmpty"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The Api did not start.");
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until the Api answers with the reference deal loaded.</summary>
    public static async Task Ready(Uri address, Process process, Func<string> log)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("viewer"));
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The Api stopped with {process.ExitCode}:\n{log()}");
            try
            {
                if (!(await http.GetStringAsync("/api/commitments")).Contains("\"total\":0")) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The Api did not answer on {address}:\n{log()}");
            await Task.Delay(250);
        }
    }
}
