using System.Diagnostics;
using JasperFx;
using JasperFx.CommandLine;
using LoiTracker.Projections.Audit;
using Npgsql;

namespace LoiTracker.Api.Operations;

public sealed class MeasureAuditInput : NetCoreInput;

/// <summary>
/// <c>measure-audit</c> (./bench.sh audit): empties the audit model, times the audit job catching up with every event in
/// the store, then times a plain <c>INSERT … SELECT</c> of as many rows into a copy of the audit table (same columns,
/// same indexes), and prints both rates and their ratio. Run it with the Api stopped: it rebuilds the audit model, which
/// the Api's own job would otherwise be filling at the same time. Starts no hosted service.
/// </summary>
[Description("Times the audit job's catch-up over the whole store against INSERT … SELECT of as many rows (rebuilds the audit model).", Name = "measure-audit")]
public sealed class MeasureAuditCommand : JasperFxAsyncCommand<MeasureAuditInput>
{
    public override async Task<bool> Execute(MeasureAuditInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var schema = store.Options.DatabaseSchemaName;
        var entries = $"{schema}.{AuditTables.Entries}";
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        async Task Sql(string sql) { await using var c = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 }; await c.ExecuteNonQueryAsync(); }
        async Task<long> Count(string sql) { await using var c = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 }; return (long)(await c.ExecuteScalarAsync())!; }

        await Sql($"truncate {entries}; delete from {schema}.{AuditTables.Mark}; checkpoint");
        var events = await Count($"select count(*) from {schema}.mt_events");
        var until = await AuditCopy.DatabaseNow(store, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        var mark = await AuditCopy.CatchUpTo(store, until, CancellationToken.None);
        var job = watch.Elapsed.TotalSeconds;
        var copied = await Count($"select count(*) from {entries}");

        await Sql($"drop table if exists {schema}.bench_audit_copy; create table {schema}.bench_audit_copy (like {entries} including all); checkpoint");
        watch.Restart();
        await Sql($"insert into {schema}.bench_audit_copy select * from {entries}");
        var plain = watch.Elapsed.TotalSeconds;
        await Sql($"drop table {schema}.bench_audit_copy");

        Console.WriteLine($"measure-audit: {events} events in the store, {copied} in the audit model after the catch-up (known until {mark.KnownUntil:O})");
        Console.WriteLine($"audit job catch-up: {job:0.00} s, {copied / job:0} events/s");
        Console.WriteLine($"INSERT … SELECT of as many rows (same columns and indexes): {plain:0.00} s, {copied / plain:0} rows/s");
        Console.WriteLine($"ratio: {plain / job:0.00} (target >= 0.40: {(plain / job >= 0.40 ? "met" : "not met")})");
        return copied == events;
    }
}
