using Marten;
using Npgsql;

namespace LoiTracker.Projections.Audit;

/// <summary>Where the audit model stands: every event committed by <see cref="KnownUntil"/> is in it (null: not yet).</summary>
/// <param name="RecordNow">The database's clock when the mark was read: record time is commit time, so "not yet" is judged by it.</param>
public sealed record AuditMark(DateTimeOffset? KnownUntil, long SafeSequence, long Copied, DateTimeOffset? RecordNow = null);

/// <summary>
/// The audit job's one run (ADR 18): copies new events into <c>audit_entries</c> set-based in SQL, with the commit time
/// PostgreSQL recorded for their transaction, and moves the high-water mark.
///
/// Sequence numbers are taken at insert, so a transaction still running can hold a number below events already
/// committed: a mark by sequence alone would skip it forever. The run therefore (1) copies everything visible above
/// <c>safe_seq</c> (rows already copied are passed over through the primary key index), and (2) confirms a mark only once every
/// transaction that was running when the mark was proposed has ended (the snapshot's <c>xmin</c> has passed the
/// proposal's <c>xmax</c>). A proposed W is the start of the statement that took that snapshot: a transaction that
/// committed by then had its id below the snapshot's <c>xmax</c>, so once they have all ended, a copy after that
/// sees them all. The proposed <c>safe_seq</c> is the sequence read one run earlier than the snapshot, so a
/// transaction that had drawn a number by then has long had its id. Two runs at once are harmless: the mark row is
/// locked for the run, so the second waits and then, on a fresh snapshot, passes over what the first copied; the
/// primary key still refuses an event twice (a run that tried would fail whole, and the next would copy it once).
/// </summary>
public static class AuditCopy
{
    public const int BatchSize = 5_000;

    public static async Task<AuditMark> Run(IDocumentStore store, CancellationToken token)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(token);
        await Execute(connection, $"insert into {schema}.{AuditTables.Mark} (id) values (1) on conflict do nothing", token);
        var commitTimes = await Scalar<string>(connection, null, "select current_setting('track_commit_timestamp')", token) == "on";

        await using var tx = await connection.BeginTransactionAsync(token);
        long safe;
        await using (var read = new NpgsqlCommand($"select safe_seq from {schema}.{AuditTables.Mark} where id = 1 for update", connection, tx))
            safe = (long)(await read.ExecuteScalarAsync(token))!;

        // The snapshot the mark is judged by, the instant it was taken, and the sequence as it stands.
        string snapshot;
        long sequence;
        DateTimeOffset at;
        await using (var now = new NpgsqlCommand(
            $"select pg_current_snapshot()::text, statement_timestamp(), (select case when is_called then last_value else 0 end from {schema}.mt_events_sequence)",
            connection, tx))
        await using (var reader = await now.ExecuteReaderAsync(token))
        {
            await reader.ReadAsync(token);
            snapshot = reader.GetString(0);
            at = reader.GetFieldValue<DateTimeOffset>(1);
            sequence = reader.GetInt64(2);
        }

        long copied = 0, from = safe;
        while (true)
        {
            await using var copy = new NpgsqlCommand(CopySql(schema, commitTimes), connection, tx);
            copy.Parameters.AddWithValue("from", from);
            copy.Parameters.AddWithValue("n", BatchSize);
            await using var reader = await copy.ExecuteReaderAsync(token);
            await reader.ReadAsync(token);
            var last = reader.IsDBNull(0) ? (long?)null : reader.GetInt64(0);
            var seen = reader.GetInt64(1);
            copied += reader.GetInt64(2);
            if (last is null || seen < BatchSize) break;
            from = last.Value;
        }

        AuditMark mark;
        await using (var move = new NpgsqlCommand(MoveSql(schema), connection, tx))
        {
            move.Parameters.AddWithValue("snapshot", snapshot);
            move.Parameters.AddWithValue("sequence", sequence);
            move.Parameters.AddWithValue("at", at);
            move.Parameters.AddWithValue("copied", copied);
            await using var reader = await move.ExecuteReaderAsync(token);
            await reader.ReadAsync(token);
            mark = new AuditMark(reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        await tx.CommitAsync(token);
        return mark;
    }

    /// <summary>Runs until every event committed by <paramref name="instant"/> is in the model (tests, the bench).</summary>
    public static async Task<AuditMark> CatchUpTo(IDocumentStore store, DateTimeOffset instant, CancellationToken token)
    {
        while (true)
        {
            var mark = await Run(store, token);
            if (mark.KnownUntil >= instant) return mark;
        }
    }

    /// <summary>The database's clock: record time is PostgreSQL's, not the Api's.</summary>
    public static async Task<DateTimeOffset> DatabaseNow(IDocumentStore store, CancellationToken token)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(token);
        await using var command = new NpgsqlCommand("select clock_timestamp()", connection);
        await using var reader = await command.ExecuteReaderAsync(token);
        await reader.ReadAsync(token);
        return reader.GetFieldValue<DateTimeOffset>(0);
    }

    public static async Task<AuditMark> Read(IQuerySession session, CancellationToken token)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        // The database's clock comes with the mark, in the same round trip: "an instant still to come" is judged by it.
        await using var command = new NpgsqlCommand(
            $"select m.known_until, coalesce(m.safe_seq, 0), coalesce(m.copied, 0), clock_timestamp() " +
            $"from (select 1) one left join {schema}.{AuditTables.Mark} m on m.id = 1", session.Connection);
        await using var reader = await command.ExecuteReaderAsync(token);
        await reader.ReadAsync(token);
        return new AuditMark(reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1), reader.GetInt64(2),
            reader.GetFieldValue<DateTimeOffset>(3));
    }

    // One page of events above the mark, with what the audit queries filter on read from the records' documents (written
    // in the same transaction as the events, so present). A privileged note belongs to the record it is on.
    private static string CopySql(string s, bool commitTimes) => $"""
        with batch as (
            select e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.headers, e.correlation_id, e.user_name, e.data, e.xmin as writer
            from {s}.mt_events e
            -- What an earlier run copied is passed over here, by the primary key, before the joins below read any document.
            -- The bound on a.seq_id keeps the anti-join to the entries above the mark: without it the planner may merge
            -- against the whole primary key, a read that grows with the store on every run.
            where e.seq_id > @from and not exists (select 1 from {s}.{AuditTables.Entries} a where a.seq_id = e.seq_id and a.seq_id > @from)
            order by e.seq_id limit @n),
        facts as (
            select b.*, st.type as stream_kind,
                   case when b.type = 'privileged_note_added' then (b.data->>'recordId')::uuid else b.stream_id end as record_id
            from batch b left join {s}.mt_streams st on st.id = b.stream_id),
        copied as (
            insert into {s}.{AuditTables.Entries} (seq_id, stream_id, record_id, record_kind, version, event_type, committed_at, recorded_at,
                actor_subject, actor_name, reason, source, correlation_id, privileged, agreement_id, party_ids, workstream)
            select f.seq_id, f.stream_id, f.record_id,
                   case when f.type = 'privileged_note_added' then coalesce(lower(f.data->>'recordKind'), 'record') else coalesce(f.stream_kind, 'record') end,
                   f.version, f.type,
                   {(commitTimes ? "coalesce(pg_xact_commit_timestamp(f.writer), clock_timestamp())" : "clock_timestamp()")},
                   f.timestamp,
                   coalesce(f.headers->>'actor-sub', f.user_name), coalesce(f.headers->>'actor-name', f.user_name), f.headers->>'reason',
                   f.headers->'source', f.correlation_id,
                   f.type = 'privileged_note_added' or (f.type = 'note_added' and coalesce((f.data->>'privileged')::boolean, false)),
                   coalesce((cv.data->>'agreementId')::uuid, (cd.data->>'agreementId')::uuid, av.id),
                   coalesce(case when cv.id is not null then array(select p::uuid from jsonb_array_elements_text(cv.data->'parties') p)
                                 when av.id is not null then array(select (p->>'partyId')::uuid from jsonb_array_elements(av.data->'parties') p)
                                 when f.stream_kind = 'party' then array[f.record_id] end, array[]::uuid[]),
                   cv.data->>'workstream'
            from facts f
            left join {s}.mt_doc_commitmentview cv on cv.id = f.record_id
            left join {s}.mt_doc_conditionview cd on cd.id = f.record_id
            left join {s}.mt_doc_agreementview av on av.id = f.record_id
            -- No "on conflict do nothing": the anti-join above already passes over what is copied, and runs take turns on
            -- the mark row. A speculative insert cost every row an extra WAL record and 11% of the copy's time.
            returning 1)
        select (select max(seq_id) from batch), (select count(*) from batch), (select count(*) from copied)
        """;

    // Confirms the proposal once every transaction older than its xmax has ended, then proposes the next: W is the
    // instant this run's snapshot was taken (statement_timestamp() precedes the snapshot), safe_seq the sequence the
    // previous run read.
    private static string MoveSql(string s) => $"""
        with state as (
            select m.*, m.candidate_xmax is not null and m.candidate_xmax <= pg_snapshot_xmin(@snapshot::pg_snapshot) as confirmed
            from {s}.{AuditTables.Mark} m where id = 1)
        update {s}.{AuditTables.Mark} m set
            known_until = case when st.confirmed then st.candidate_at else m.known_until end,
            safe_seq = case when st.confirmed then greatest(m.safe_seq, st.candidate_seq) else m.safe_seq end,
            candidate_seq = case when st.confirmed or st.candidate_xmax is null then coalesce(st.pending_seq, m.safe_seq) else m.candidate_seq end,
            candidate_xmax = case when st.confirmed or st.candidate_xmax is null then pg_snapshot_xmax(@snapshot::pg_snapshot) else m.candidate_xmax end,
            candidate_at = case when st.confirmed or st.candidate_xmax is null then @at else m.candidate_at end,
            pending_seq = case when st.confirmed or st.candidate_xmax is null then @sequence else m.pending_seq end,
            copied = m.copied + @copied
        from state st where m.id = 1
        returning m.known_until, m.safe_seq, m.copied
        """;

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(token);
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        return (T)(await command.ExecuteScalarAsync(token))!;
    }
}
