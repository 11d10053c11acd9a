using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace LoiTracker.Web.Tests;

/// <summary>
/// Issue 12: alerts raised once across nodes and across a restart, with real processes. Two Api processes share one
/// schema (the reference deal, whose past milestones are overdue by the real clock), each sweeping every second; one
/// is then killed and started again. However many sweeps ran, on whichever node, each cause has one alert.
/// </summary>
public sealed class when_two_api_processes_sweep_alerts : IAsyncLifetime
{
    private readonly string _schema = TestDatabase.NewSchema("nodes");
    private readonly StringBuilder _log = new();
    private readonly List<Process> _processes = [];
    private static readonly Dictionary<string, string> FastSweep = new() { ["Alerts__SweepSeconds"] = "1" };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var p in _processes.Where(p => !p.HasExited))
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    private async Task<Uri> Node()
    {
        var address = new Uri($"http://127.0.0.1:{DashboardHost.FreeLoopbackPort()}");
        var process = ApiProcess.Start(address, _schema, _log, FastSweep);
        _processes.Add(process);
        await ApiProcess.Ready(address, process, () => { lock (_log) return _log.ToString(); });
        return address;
    }

    private async Task<(long Raised, long Causes)> Counted()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select count(*), count(distinct (data->>'itemId', data->>'rule', data->>'revision', coalesce(data->>'leadDays', '')))
            from {_schema}.mt_events where type = 'alert_raised'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Polls the store until several sweeps in a row raised nothing more (a real clock: the processes run on it).</summary>
    private async Task<(long Raised, long Causes)> Settled()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        (long, long) last = (-1, -1);
        var same = 0;
        while (DateTime.UtcNow < deadline)
        {
            var now = await Counted();
            same = now == last && now.Item1 > 0 ? same + 1 : 0;
            if (same >= 4) return now;
            last = now;
            await Task.Delay(1000);
        }
        throw new TimeoutException("The alerts never settled.");
    }

    [Fact]
    public async Task each_cause_is_raised_once_by_two_nodes_and_after_a_restart()
    {
        var first = await Node();
        var second = await Node();
        var (raised, causes) = await Settled();
        raised.ShouldBe(causes, "a cause raised twice");

        using var http = new HttpClient { BaseAddress = second };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("viewer"));
        var inbox = JsonNode.Parse(await http.GetStringAsync("/api/alerts?pageSize=500"))!;
        inbox["total"]!.GetValue<long>().ShouldBe(raised);
        inbox["items"]!.AsArray().ShouldContain(a => a!["rule"]!.GetValue<string>() == "overdue");

        // The first node is killed and started again; both keep sweeping: nothing is raised twice.
        _processes[0].Kill(entireProcessTree: true);
        await _processes[0].WaitForExitAsync();
        _ = first;
        await Node();
        var (after, afterCauses) = await Settled();
        after.ShouldBe(afterCauses, "a cause raised twice after the restart");
        after.ShouldBe(raised);
    }
}
