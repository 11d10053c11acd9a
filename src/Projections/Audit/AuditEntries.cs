using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using LoiTracker.Domain.Common;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace LoiTracker.Projections.Audit;

/// <summary>One event as the audit model holds it: when it was committed, by whom, why and from what source.</summary>
public sealed record AuditEntry(long Sequence, Guid StreamId, Guid RecordId, string RecordKind, long Version, string EventType,
    DateTimeOffset CommittedAt, DateTimeOffset RecordedAt, string? ActorSubject, string? ActorName, string? Reason, Source? Source,
    string? CorrelationId, bool Privileged, Guid? AgreementId, string? Workstream);

/// <summary>What the audit log and the change feed are asked for; every part optional.</summary>
public sealed record AuditQuery(
    string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? To = null, Guid? Record = null, Guid? Stream = null, string? EventType = null,
    Guid? Party = null, string? Workstream = null, bool ChangesOnly = false, bool WithPrivileged = true, Guid[]? VisibleRecords = null);

/// <summary>
/// The audit model's reads (ADR 18). Each goes through an index of <c>audit_entries</c> (record, actor, commit time,
/// event type, parties), never through Marten's events table: the only rows read from it are the page's, by primary key.
/// </summary>
public static class AuditEntries
{
    /// <summary>The kinds of record the change feed speaks of: the deal's own, not the system's bookkeeping.</summary>
    public static readonly string[] RecordKinds = ["agreement", "commitment", "party", "condition"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private const string Columns = """
        seq_id, stream_id, record_id, record_kind, version, event_type, committed_at, recorded_at, actor_subject, actor_name, reason,
        source::text, correlation_id, privileged, agreement_id, workstream
        """;

    /// <summary>The version a stream had reached among the events committed by <paramref name="instant"/>; null if it did not exist yet.</summary>
    public static async Task<long?> VersionAt(IDocumentStore store, Guid streamId, DateTimeOffset instant, CancellationToken token,
        Guid? recordId = null)
    {
        await using var connection = await Open(store, token);
        await using var command = new NpgsqlCommand(
            $"select max(version) from {Table(store)} where record_id = @record and stream_id = @id and committed_at <= @at", connection);
        command.Parameters.AddWithValue("id", streamId);
        command.Parameters.AddWithValue("record", recordId ?? streamId);
        command.Parameters.AddWithValue("at", instant);
        return await command.ExecuteScalarAsync(token) is long version ? version : null;
    }

    /// <summary>The versions each stream had reached by <paramref name="instant"/>, for streams of one kind that existed then.</summary>
    public static async Task<Dictionary<Guid, long>> VersionsAt(IDocumentStore store, Guid[] streamIds, DateTimeOffset instant, CancellationToken token)
    {
        await using var connection = await Open(store, token);
        // One index probe per stream (the newest entry at or before the instant), not a scan of their histories.
        await using var command = new NpgsqlCommand($"""
            select ids.id, v.version from unnest(@ids) as ids(id)
            cross join lateral (select version from {Table(store)} a where a.record_id = ids.id and a.stream_id = ids.id and a.committed_at <= @at
                                order by a.committed_at desc, a.seq_id desc limit 1) v
            """, connection);
        command.Parameters.AddWithValue("ids", streamIds);
        command.Parameters.AddWithValue("at", instant);
        var versions = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token)) versions[reader.GetGuid(0)] = reader.GetInt64(1);
        return versions;
    }

    /// <summary>The records of one kind that existed by <paramref name="instant"/> (their first event committed by then).</summary>
    public static async Task<Dictionary<Guid, long>> RecordsAt(IDocumentStore store, string kind, DateTimeOffset instant, CancellationToken token)
    {
        await using var connection = await Open(store, token);
        // The streams of the kind as they stand, each probed once through the record index: as many probes as records.
        await using var command = new NpgsqlCommand($"""
            select s.id, v.version from {store.Options.DatabaseSchemaName}.mt_streams s
            cross join lateral (select version from {Table(store)} a where a.record_id = s.id and a.stream_id = s.id and a.committed_at <= @at
                                order by a.committed_at desc, a.seq_id desc limit 1) v
            where s.type = @kind
            """, connection);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("at", instant);
        var versions = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token)) versions[reader.GetGuid(0)] = reader.GetInt64(1);
        return versions;
    }

    /// <summary>A page of entries matching the query, in commit order, and how many match.</summary>
    public static async Task<(IReadOnlyList<AuditEntry> Items, long Total)> Page(IDocumentStore store, AuditQuery query, int skip, int take,
        bool newestFirst, CancellationToken token)
    {
        await using var connection = await Open(store, token);
        var (where, parameters) = Where(query);
        var order = newestFirst ? "committed_at desc, seq_id desc" : "committed_at, seq_id";
        // The page through the filter's index, then the total apart: a window count would read every matching row in full,
        // where a count alone is answered from the index (ADR 18).
        await using var command = new NpgsqlCommand(
            $"select {Columns} from {Table(store)} where {where} order by {order} offset @skip limit @take", connection);
        command.Parameters.AddRange(parameters.ToArray());
        command.Parameters.AddWithValue("skip", skip);
        command.Parameters.AddWithValue("take", take);
        var items = new List<AuditEntry>();
        await using (var reader = await command.ExecuteReaderAsync(token))
            while (await reader.ReadAsync(token)) items.Add(Read(reader));
        long total = skip + items.Count;
        if (items.Count == take || (items.Count == 0 && skip > 0))
        {
            await using var count = new NpgsqlCommand($"select count(*) from {Table(store)} where {where}", connection);
            count.Parameters.AddRange(Where(query).Parameters.ToArray());
            total = (long)(await count.ExecuteScalarAsync(token))!;
        }
        return (items, total);
    }

    /// <summary>Every entry matching the query, in commit order, read as the caller writes them out: nothing is held in memory.</summary>
    public static async IAsyncEnumerable<AuditEntry> Stream(IDocumentStore store, AuditQuery query, [EnumeratorCancellation] CancellationToken token)
    {
        await using var connection = await Open(store, token);
        var (where, parameters) = Where(query);
        await using var command = new NpgsqlCommand($"select {Columns} from {Table(store)} where {where} order by committed_at, seq_id", connection);
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, token);
        while (await reader.ReadAsync(token)) yield return Read(reader);
    }

    private static (string Where, List<NpgsqlParameter> Parameters) Where(AuditQuery q)
    {
        var where = new StringBuilder("true");
        var p = new List<NpgsqlParameter>();
        void Add(string clause, string name, object value, NpgsqlDbType? type = null)
        {
            where.Append(" and ").Append(clause);
            p.Add(type is { } t ? new NpgsqlParameter(name, t) { Value = value } : new NpgsqlParameter(name, value));
        }
        if (q.Actor is { } actor) Add("actor_subject = @actor", "actor", actor);
        if (q.From is { } from) Add("committed_at >= @from", "from", from);
        if (q.To is { } to) Add("committed_at <= @to", "to", to);
        if (q.Record is { } record) Add("record_id = @record", "record", record);
        if (q.Stream is { } stream) Add("stream_id = @stream", "stream", stream);
        if (q.EventType is { } type) Add("event_type = @type", "type", type);
        if (q.Party is { } party) Add("party_ids @> array[@party]::uuid[]", "party", party);
        if (q.Workstream is { } workstream) Add("workstream = @workstream", "workstream", workstream);
        if (q.ChangesOnly) Add("record_kind = any(@kinds)", "kinds", RecordKinds, NpgsqlDbType.Array | NpgsqlDbType.Text);
        if (!q.WithPrivileged) where.Append(" and not privileged");
        if (q.VisibleRecords is { } visible) Add("record_id = any(@visible)", "visible", visible, NpgsqlDbType.Array | NpgsqlDbType.Uuid);
        return (where.ToString(), p);
    }

    private static AuditEntry Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetInt64(4), r.GetString(5), r.GetFieldValue<DateTimeOffset>(6),
        r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9),
        r.IsDBNull(10) ? null : r.GetString(10), r.IsDBNull(11) ? null : SourceOf(r.GetString(11)), r.IsDBNull(12) ? null : r.GetString(12),
        r.GetBoolean(13), r.IsDBNull(14) ? null : r.GetGuid(14), r.IsDBNull(15) ? null : r.GetString(15));

    /// <summary>A source header as it was written; one that no longer reads as a source is left out rather than breaking the read.</summary>
    private static Source? SourceOf(string json)
    {
        try { return JsonSerializer.Deserialize<Source>(json, Json); }
        catch (JsonException) { return null; }
    }

    private static string Table(IDocumentStore store) => $"{store.Options.DatabaseSchemaName}.{AuditTables.Entries}";

    private static async Task<NpgsqlConnection> Open(IDocumentStore store, CancellationToken token)
    {
        var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(token);
        return connection;
    }
}
