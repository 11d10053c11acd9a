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
/// the Api's own job would otherwise be filling at the same time. Starts no hosted service. Then seals the whole model
/// and verifies it (ADR 28), timed: what tamper evidence costs per entry.
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

        await Sql($"truncate {entries}; delete from {schema}.{AuditTables.Mark}; delete from {schema}.{AuditTables.Seals}; checkpoint");
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

        // Tamper evidence: everything the copy made final, sealed (in seals of 10,000 entries), then verified page by page.
        var highest = await store.Storage.Database.FetchHighestEventSequenceNumber();
        while ((await AuditCopy.Run(store, CancellationToken.None)).SafeSequence < highest)
        {
        }
        var key = host.Services.GetRequiredService<Audit.Sealing>().Key;
        watch.Restart();
        var seals = 0;
        for (int made; (made = await AuditSeals.Seal(store, key, CancellationToken.None)) > 0;) seals += made;
        var sealing = watch.Elapsed.TotalSeconds;
        watch.Restart();
        long verified = 0, intact = 0;
        await using (var session = store.QuerySession())
        {
            for (long from = 1; from <= seals;)
            {
                var (before, page) = await AuditSeals.Check(session, from, Audit.VerifyAuditEndpoint.EntriesPerCall, CancellationToken.None);
                foreach (var (seal, now) in page)
                {
                    verified += now.Entries;
                    if (Domain.Audit.Seals.Check(seal, now, before, key is null ? null : key.Verifies(Domain.Audit.Seals.Statement(seal), seal.Signature!),
                            key?.KeyId).All(p => !Domain.Audit.Seals.Breaks(p))) intact++;
                    before = seal;
                }
                from = page[^1].Seal.Number + 1;
            }
        }
        var verifying = watch.Elapsed.TotalSeconds;

        Console.WriteLine($"measure-audit: {events} events in the store, {copied} in the audit model after the catch-up (known until {mark.KnownUntil:O})");
        Console.WriteLine($"audit job catch-up: {job:0.00} s, {copied / job:0} events/s");
        Console.WriteLine($"INSERT … SELECT of as many rows (same columns and indexes): {plain:0.00} s, {copied / plain:0} rows/s");
        Console.WriteLine($"ratio: {plain / job:0.00} (target >= 0.40: {(plain / job >= 0.40 ? "met" : "not met")})");
        Console.WriteLine($"sealing: {seals} seals over {copied} entries in {sealing:0.00} s, {copied / sealing:0} entries/s ({(key is null ? "no key: digests only" : "signed")})");
        Console.WriteLine($"verification: {verified} entries hashed again in {verifying:0.00} s, {verified / verifying:0} entries/s; {intact} of {seals} seals intact");
        return copied == events;
    }
}
