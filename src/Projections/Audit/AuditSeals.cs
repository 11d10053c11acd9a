using LoiTracker.Domain.Audit;
using Marten;
using Npgsql;

namespace LoiTracker.Projections.Audit;

/// <summary>Signs a seal's statement (<see cref="Seals.Statement"/>) with the sealing key, which the database does not hold.</summary>
public interface ISealSigner
{
    string KeyId { get; }
    byte[] Sign(byte[] statement);
}

/// <summary>
/// Tamper evidence for the audit trail (ADR 28), set-based in SQL like the copy: a seal covers the entries between the
/// previous seal and the mark's <c>safe_seq</c> (below which no entry can still arrive, ADR 18), as the SHA-256 of the
/// previous seal's digest followed by each entry's digest in sequence order. An entry's digest covers its event as
/// Marten stored it (id, stream, version, type, data, headers, timestamp) and what the audit model says of it (commit
/// time, record, actor, reason, source, privileged), so changing, adding or removing either is seen by
/// <see cref="Check"/>, which works the digests out again the same way.
/// </summary>
public static class AuditSeals
{
    /// <summary>At most this many entries per seal: a store sealed for the first time is sealed in steps, not in one statement.</summary>
    public const int MaxEntriesPerSeal = 10_000;

    // One definition of an entry's digest, for sealing and checking alike: fields joined by the unit separator, none
    // skipped (a missing value is empty), timestamps as microseconds since the epoch (no session setting changes them).
    private static string EntryDigest(string a, string e) => $"""
        sha256(convert_to(concat_ws(chr(31), {a}.seq_id, {e}.id, {e}.stream_id, {e}.version, {e}.type, {e}.data::text,
            coalesce({e}.headers::text, ''), coalesce({e}.user_name, ''), (extract(epoch from {e}.timestamp) * 1000000)::bigint,
            (extract(epoch from {a}.committed_at) * 1000000)::bigint, {a}.record_id, coalesce({a}.actor_subject, ''),
            coalesce({a}.actor_name, ''), coalesce({a}.reason, ''), coalesce({a}.source::text, ''), {a}.privileged), 'UTF8'))
        """;

    /// <summary>At most this many seals per call: the mark row, which the copy waits for, is held a second or so at most.</summary>
    public const int MaxSealsPerCall = 20;

    /// <summary>
    /// Seals what the mark has made final since the last seal, in seals of at most <see cref="MaxEntriesPerSeal"/>
    /// entries, <see cref="MaxSealsPerCall"/> at most (a backlog is sealed over the next calls); signs each when
    /// <paramref name="signer"/> is given. Takes turns with the copy on the mark row, so two nodes never seal the same
    /// entries; the seal number's key refuses a second seal of the same number besides. Returns the number of seals made.
    /// </summary>
    public static async Task<int> Seal(IDocumentStore store, ISealSigner? signer, CancellationToken token)
    {
        var s = store.Options.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(token);
        await using var tx = await connection.BeginTransactionAsync(token);

        long safe;
        await using (var read = new NpgsqlCommand($"select safe_seq from {s}.{AuditTables.Mark} where id = 1 for update", connection, tx))
        {
            if (await read.ExecuteScalarAsync(token) is not long value) return 0;
            safe = value;
        }

        var last = await Last(connection, tx, s, token);
        var made = 0;
        while ((last?.ThroughSequence ?? 0) < safe && made < MaxSealsPerCall)
        {
            var after = last?.ThroughSequence ?? 0;
            var previous = last?.Digest ?? Seals.Origin;
            await using var command = new NpgsqlCommand($"""
                with upto as (
                    -- The end of this seal: the mark, or the last of the next {MaxEntriesPerSeal} entries when there are more.
                    select coalesce((select a.seq_id from {s}.{AuditTables.Entries} a where a.seq_id > @after and a.seq_id <= @safe
                                     order by a.seq_id offset {MaxEntriesPerSeal - 1} limit 1), @safe) as through_seq),
                rows as (
                    select a.seq_id, {EntryDigest("a", "e")} as digest
                    from {s}.{AuditTables.Entries} a join {s}.mt_events e on e.seq_id = a.seq_id
                    where a.seq_id > @after and a.seq_id <= (select through_seq from upto))
                select (select through_seq from upto), count(*), sha256(@previous || coalesce(string_agg(digest, ''::bytea order by seq_id), ''::bytea)),
                       statement_timestamp()
                from rows
                """, connection, tx);
            command.Parameters.AddWithValue("after", after);
            command.Parameters.AddWithValue("safe", safe);
            command.Parameters.AddWithValue("previous", previous);
            Seal seal;
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                await reader.ReadAsync(token);
                seal = new Seal((last?.Number ?? 0) + 1, after, reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2), previous,
                    reader.GetFieldValue<DateTimeOffset>(3), null, null);
            }
            if (signer is not null) seal = seal with { KeyId = signer.KeyId, Signature = signer.Sign(Seals.Statement(seal)) };

            await using (var insert = new NpgsqlCommand(
                             $"insert into {s}.{AuditTables.Seals} (seal_no, after_seq, through_seq, entries, digest, previous, sealed_at, key_id, signature) " +
                             "values (@n, @after, @through, @entries, @digest, @previous, @at, @key, @signature)", connection, tx))
            {
                insert.Parameters.AddWithValue("n", seal.Number);
                insert.Parameters.AddWithValue("after", seal.AfterSequence);
                insert.Parameters.AddWithValue("through", seal.ThroughSequence);
                insert.Parameters.AddWithValue("entries", seal.Entries);
                insert.Parameters.AddWithValue("digest", seal.Digest);
                insert.Parameters.AddWithValue("previous", seal.Previous);
                insert.Parameters.AddWithValue("at", seal.SealedAt);
                insert.Parameters.AddWithValue("key", (object?)seal.KeyId ?? DBNull.Value);
                insert.Parameters.AddWithValue("signature", (object?)seal.Signature ?? DBNull.Value);
                await insert.ExecuteNonQueryAsync(token);
            }
            last = seal;
            made++;
        }
        await tx.CommitAsync(token);
        return made;
    }

    /// <summary>Where sealing stands: the last seal (null before the first), and how many entries the model holds above it.</summary>
    public sealed record SealState(Seal? Last, long Unsealed);

    public static async Task<SealState> State(IQuerySession session, CancellationToken token)
    {
        var s = session.DocumentStore.Options.DatabaseSchemaName;
        var last = await Last(session.Connection!, null, s, token);
        await using var count = new NpgsqlCommand(
            $"select count(*) from {s}.{AuditTables.Entries} where seq_id > @after", session.Connection);
        count.Parameters.AddWithValue("after", last?.ThroughSequence ?? 0);
        return new SealState(last, (long)(await count.ExecuteScalarAsync(token))!);
    }

    /// <summary>The seal stored under <paramref name="number"/>, or null.</summary>
    public static async Task<Seal?> Find(IQuerySession session, long number, CancellationToken token)
    {
        await using var command = new NpgsqlCommand($"{SelectSeal(session.DocumentStore.Options.DatabaseSchemaName)} where seal_no = @n",
            session.Connection);
        command.Parameters.AddWithValue("n", number);
        await using var reader = await command.ExecuteReaderAsync(token);
        return await reader.ReadAsync(token) ? ReadSeal(reader) : null;
    }

    /// <summary>A seal as stored, and what its entries hash to now.</summary>
    public sealed record CheckedSeal(Seal Seal, SealedNow Now);

    /// <summary>
    /// The seals from number <paramref name="from"/> on, with what their entries hash to now, until about
    /// <paramref name="entries"/> entries are covered (at least one seal); and the seal before <paramref name="from"/>, which
    /// the first is chained to. Reads the entries and events by primary key, seal by seal: never the whole store at once.
    /// </summary>
    public static async Task<(Seal? Before, IReadOnlyList<CheckedSeal> Seals)> Check(IQuerySession session, long from, long entries,
        CancellationToken token)
    {
        var s = session.DocumentStore.Options.DatabaseSchemaName;
        var connection = session.Connection!;
        Seal? before = null;
        if (from > 1)
        {
            await using var previous = new NpgsqlCommand($"{SelectSeal(s)} where seal_no = @n", connection);
            previous.Parameters.AddWithValue("n", from - 1);
            await using var reader = await previous.ExecuteReaderAsync(token);
            if (await reader.ReadAsync(token)) before = ReadSeal(reader);
        }

        await using var command = new NpgsqlCommand($"""
            with page as (
                select p.* from (
                    select s.*, sum(s.entries) over (order by s.seal_no) - s.entries as covered_before
                    from {s}.{AuditTables.Seals} s where s.seal_no >= @from and s.seal_no < @from + 1000) p
                where p.covered_before < @entries or p.seal_no = @from)
            select p.seal_no, p.after_seq, p.through_seq, p.entries, p.digest, p.previous, p.sealed_at, p.key_id, p.signature,
                   now_.entries, sha256(p.previous || coalesce(now_.agg, ''::bytea))
            from page p
            left join lateral (
                select count(*) as entries, string_agg(r.digest, ''::bytea order by r.seq_id) as agg
                from (select a.seq_id, {EntryDigest("a", "e")} as digest
                      from {s}.{AuditTables.Entries} a join {s}.mt_events e on e.seq_id = a.seq_id
                      where a.seq_id > p.after_seq and a.seq_id <= p.through_seq) r) now_ on true
            order by p.seal_no
            """, connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("entries", entries);
        var seals = new List<CheckedSeal>();
        await using (var reader = await command.ExecuteReaderAsync(token))
        {
            while (await reader.ReadAsync(token))
                seals.Add(new CheckedSeal(ReadSeal(reader), new SealedNow(reader.GetInt64(9), reader.GetFieldValue<byte[]>(10))));
        }
        return (before, seals);
    }

    private static string SelectSeal(string s) =>
        $"select seal_no, after_seq, through_seq, entries, digest, previous, sealed_at, key_id, signature from {s}.{AuditTables.Seals}";

    private static async Task<Seal?> Last(NpgsqlConnection connection, NpgsqlTransaction? tx, string s, CancellationToken token)
    {
        await using var command = new NpgsqlCommand($"{SelectSeal(s)} order by seal_no desc limit 1", connection, tx);
        await using var reader = await command.ExecuteReaderAsync(token);
        return await reader.ReadAsync(token) ? ReadSeal(reader) : null;
    }

    private static Seal ReadSeal(NpgsqlDataReader reader) => new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
        reader.GetFieldValue<byte[]>(4), reader.GetFieldValue<byte[]>(5), reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8));
}
