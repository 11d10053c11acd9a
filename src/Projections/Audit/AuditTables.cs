using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace LoiTracker.Projections.Audit;

/// <summary>
/// The audit model of ADR 5, in tables of our own beside Marten's (ADR 18): one row per event with its commit time,
/// actor, reason, source and correlation id, and the job's mark. Marten creates and migrates them with its own tables.
/// </summary>
public static class AuditTables
{
    public const string Entries = "audit_entries";
    public const string Mark = "audit_mark";
    public const string Seals = "audit_seals";

    public static void AddAudit(this StoreOptions options)
    {
        var schema = options.DatabaseSchemaName;

        var entries = new Table(new PostgresqlObjectName(schema, Entries, SchemaUtils.IdentifierUsage.General));
        entries.AddColumn<long>("seq_id").AsPrimaryKey();
        entries.AddColumn<Guid>("stream_id").NotNull();
        // The record the event is about: the stream itself, or for a privileged note the agreement or commitment it is on.
        entries.AddColumn<Guid>("record_id").NotNull();
        entries.AddColumn("record_kind", "text").NotNull();
        entries.AddColumn<long>("version").NotNull();
        entries.AddColumn("event_type", "text").NotNull();
        entries.AddColumn("committed_at", "timestamp with time zone").NotNull();
        entries.AddColumn("recorded_at", "timestamp with time zone").NotNull();
        entries.AddColumn("actor_subject", "text").AllowNulls();
        entries.AddColumn("actor_name", "text").AllowNulls();
        entries.AddColumn("reason", "text").AllowNulls();
        entries.AddColumn("source", "jsonb").AllowNulls();
        entries.AddColumn("correlation_id", "text").AllowNulls();
        entries.AddColumn("privileged", "boolean").NotNull();
        entries.AddColumn<Guid>("agreement_id").AllowNulls();
        entries.AddColumn("party_ids", "uuid[]").NotNull();
        entries.AddColumn("workstream", "text").AllowNulls();
        // History and "as known at T": a record's entries in commit order.
        entries.Indexes.Add(new IndexDefinition($"ix_{Entries}_record") { Columns = ["record_id", "committed_at", "seq_id"] });
        // The audit log by actor, by window, by event type; the change feed by window.
        entries.Indexes.Add(new IndexDefinition($"ix_{Entries}_actor") { Columns = ["actor_subject", "committed_at", "seq_id"] });
        entries.Indexes.Add(new IndexDefinition($"ix_{Entries}_committed") { Columns = ["committed_at", "seq_id"] });
        entries.Indexes.Add(new IndexDefinition($"ix_{Entries}_type") { Columns = ["event_type", "committed_at", "seq_id"] });
        entries.Indexes.Add(new IndexDefinition($"ix_{Entries}_parties") { Columns = ["party_ids"], Method = IndexMethod.gin });
        options.Storage.ExtendedSchemaObjects.Add(entries);

        var mark = new Table(new PostgresqlObjectName(schema, Mark, SchemaUtils.IdentifierUsage.General));
        mark.AddColumn<int>("id").AsPrimaryKey();
        // Every event with a sequence at or below it is copied, and no transaction still running can add one there.
        mark.AddColumn<long>("safe_seq").NotNull().DefaultValue(0);
        // The high-water mark W: every event committed by W is in the model.
        mark.AddColumn("known_until", "timestamp with time zone").AllowNulls();
        // A later W and safe_seq, confirmed once every transaction older than candidate_xmax has ended.
        mark.AddColumn<long>("candidate_seq").AllowNulls();
        mark.AddColumn("candidate_xmax", "xid8").AllowNulls();
        mark.AddColumn("candidate_at", "timestamp with time zone").AllowNulls();
        // The sequence the previous run read: the next proposal's safe_seq.
        mark.AddColumn<long>("pending_seq").AllowNulls();
        mark.AddColumn("copied", "bigint").NotNull().DefaultValue(0);
        options.Storage.ExtendedSchemaObjects.Add(mark);

        // Tamper evidence (ADR 28): each seal covers the entries between the previous seal and the mark's safe_seq, chained
        // to the previous seal's digest and signed with the sealing key, which the database does not hold.
        var seals = new Table(new PostgresqlObjectName(schema, Seals, SchemaUtils.IdentifierUsage.General));
        seals.AddColumn<long>("seal_no").AsPrimaryKey();
        seals.AddColumn<long>("after_seq").NotNull();
        seals.AddColumn<long>("through_seq").NotNull();
        seals.AddColumn<long>("entries").NotNull();
        seals.AddColumn("digest", "bytea").NotNull();
        seals.AddColumn("previous", "bytea").NotNull();
        seals.AddColumn("sealed_at", "timestamp with time zone").NotNull();
        seals.AddColumn("key_id", "text").AllowNulls();
        seals.AddColumn("signature", "bytea").AllowNulls();
        // Verification walks the seals in order of what they cover.
        seals.Indexes.Add(new IndexDefinition($"ix_{Seals}_through") { Columns = ["through_seq"], IsUnique = true });
        options.Storage.ExtendedSchemaObjects.Add(seals);
    }
}
