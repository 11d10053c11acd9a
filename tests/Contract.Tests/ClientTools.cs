using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace LoiTracker.Contract.Tests;

/// <summary>
/// The tools that play clients nobody here wrote, restored once per run from what the repository pins: Kiota from
/// the local tool manifest (<c>dotnet tool restore</c>, NuGet), Redocly CLI, openapi-typescript, openapi-fetch and
/// TypeScript 5 from <c>typescript/package-lock.json</c> (<c>npm ci</c>, the npm registry; skipped while
/// node_modules was installed from the same lock file). None of them may phone home: update checks and telemetry are off.
/// </summary>
public sealed class ClientTools : IAsyncLifetime
{
    public static string Repository { get; } = FindRepository();
    public static string TypeScript { get; } = Path.Combine(Repository, "tests", "Contract.Tests", "typescript");

    /// <summary>Where generated clients and the fetched document go: the build output, never the work tree.</summary>
    public static string Scratch { get; } = Path.Combine(AppContext.BaseDirectory, "generated");

    private static readonly Dictionary<string, string> Quiet = new()
    {
        ["KIOTA_OFFLINE_ENABLED"] = "true", ["KIOTA_TUTORIAL_ENABLED"] = "false", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1", ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
        ["NO_UPDATE_NOTIFIER"] = "1", ["npm_config_update_notifier"] = "false", ["npm_config_fund"] = "false",
        ["npm_config_audit"] = "false"
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Scratch);
        await Run("dotnet", ["tool", "restore"], Repository, TimeSpan.FromMinutes(3));

        var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(TypeScript, "package-lock.json"))));
        var stamp = Path.Combine(TypeScript, "node_modules", ".installed-from-lock");
        if (!File.Exists(stamp) || await File.ReadAllTextAsync(stamp) != lockHash)
        {
            await Run("npm", ["ci", "--no-audit", "--no-fund"], TypeScript, TimeSpan.FromMinutes(5));
            await File.WriteAllTextAsync(stamp, lockHash);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A program from typescript/node_modules/.bin.</summary>
    public static string Npm(string tool) => Path.Combine(TypeScript, "node_modules", ".bin", tool);

    /// <summary>Runs a program to the end; a non-zero exit fails with everything it printed, unless <paramref name="check"/> is off.</summary>
    public static async Task<(int Exit, string Output, string Stdout)> Run(string program, IEnumerable<string> arguments, string directory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, bool check = true)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in Quiet) start.Environment[key] = value;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        var stdout = Pump(process.StandardOutput, output, standardOutput);
        var stderr = Pump(process.StandardError, output, null);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} ran past {timeout}:\n{output}");
        }
        await Task.WhenAll(stdout, stderr);
        var text = output.ToString();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{text}");
        return (process.ExitCode, text, standardOutput.ToString());
    }

    private static async Task Pump(StreamReader reader, StringBuilder all, StringBuilder? only)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (all) all.AppendLine(line);
            only?.AppendLine(line);
        }
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LoiTracker.sln"))) return dir.FullName;
        throw new InvalidOperationException("LoiTracker.sln not found above " + AppContext.BaseDirectory);
    }
}
