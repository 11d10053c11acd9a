using System.Diagnostics;
using JasperFx;
using JasperFx.CommandLine;
using LoiTracker.Api.Alerts;
using LoiTracker.Domain.Common;
using Npgsql;

namespace LoiTracker.Api.Operations;

public sealed class MeasureAlertsInput : NetCoreInput
{
    [Description("The date the milestones fall due (yyyy-MM-dd); the sweeps run one minute after it has passed in Asia/Seoul.")]
    public string DueFlag { get; set; } = "2030-01-15";

    [Description("How many sweeps run at once, as on that many Api processes. Default: 2.")]
    public int NodesFlag { get; set; } = 2;
}

/// <summary>
/// <c>measure-alerts</c> (./bench.sh alerts): sweeps, from <c>--nodes</c> stores at once (as separate Api processes would),
/// at the minute after the milestones fell due, until a sweep raises nothing more; prints the time until every alert was
/// raised, how many, and the duplicates counted in the database (alerts raised more than once for one cause: must be 0).
/// Run it with the Api stopped (its own sweep would share the work). Writes alerts, nothing else.
/// </summary>
[Description("Times raising the alerts of milestones that all fall due in the same minute, from several sweeps at once.", Name = "measure-alerts")]
public sealed class MeasureAlertsCommand : JasperFxAsyncCommand<MeasureAlertsInput>
{
    public override async Task<bool> Execute(MeasureAlertsInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        // Sweeps at once on separate connections, as separate processes would run them (the advisory lock is the database's).
        var stores = Enumerable.Repeat(store, Math.Max(1, input.NodesFlag)).ToList();
        var at = BusinessCalendar.FallsDueAt(DateOnly.Parse(input.DueFlag), "Asia/Seoul").AddMinutes(1);
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        async Task<long> Count(string sql) { await using var c = new NpgsqlCommand(sql, connection); return (long)(await c.ExecuteScalarAsync())!; }
        var before = await Count($"select count(*) from {schema}.mt_events where type = 'alert_raised'");

        var watch = Stopwatch.StartNew();
        var rounds = 0;
        while (true)
        {
            rounds++;
            var outcomes = await Task.WhenAll(stores.Select(s => Task.Run(() => AlertSweep.Run(s, at, CancellationToken.None))));
            if (outcomes.All(o => o.Ran ? o.Raised == 0 : true) && outcomes.Any(o => o.Ran)) break;
        }
        var elapsed = watch.Elapsed.TotalSeconds;
        var raised = await Count($"select count(*) from {schema}.mt_events where type = 'alert_raised'") - before;
        // A cause raised twice would be two alert streams for one item, rule, revision and lead time.
        var duplicates = await Count($"""
            select count(*) - count(distinct (data->>'itemId', data->>'rule', data->>'revision', coalesce(data->>'leadDays', '')))
            from {schema}.mt_events where type = 'alert_raised'
            """);
        Console.WriteLine($"measure-alerts: {raised} alerts raised at {at:u} by {stores.Count} concurrent sweeps in {elapsed:0.00} s ({rounds} rounds)");
        Console.WriteLine($"duplicates (one cause raised twice): {duplicates}");
        Console.WriteLine($"target: all raised within 30 s: {(elapsed <= 30 ? "met" : "not met")}; duplicates 0: {(duplicates == 0 ? "met" : "not met")}");
        return duplicates == 0;
    }
}
