using Marten;
using Marten.Events.Projections;
using Npgsql;

namespace LoiTracker.Projections.Common;

/// <summary>
/// Views the async daemon keeps in one shard, so each batch of events is loaded from PostgreSQL and deserialized once
/// for all of them rather than once per view (Marten's composite projection; ADR 12). Delivery totals and risk both
/// read every delivery; as two shards they loaded each one twice, the largest part of the daemon's work per delivery
/// (docs/benchmarks.md, append). Each member keeps its own progress row (<c>DeliveryTotals:All</c>,
/// <c>RiskProjection:All</c>), moved with the composite's, so reads that compare against a member's progress are unchanged.
/// </summary>
public static class SharedShards
{
    /// <summary>The composite shard of the views folded from a commitment's deliveries and dependencies.</summary>
    public const string Commitments = "CommitmentFolds";

    /// <summary>The progress rows of the views in it, which were shards of their own before.</summary>
    public static readonly string[] CommitmentsMembers = ["DeliveryTotals:All", "RiskProjection:All"];

    /// <summary>Runs <paramref name="add"/> on the commitments' composite shard, creating it on first use.</summary>
    public static void InCommitmentsShard(this StoreOptions options, Action<CompositeProjection> add) =>
        options.Projections.CompositeProjectionFor(Commitments, add);

    /// <summary>
    /// A database whose daemon kept these views in shards of their own has their progress rows but not the composite's,
    /// and Marten then starts the composite from nothing and fails inserting the rows that exist. Before the daemon
    /// starts, the composite is given the least advanced member's progress and the members are set to it: the events
    /// in between are folded again, which both members take safely (totals skip what they already hold, by
    /// <c>Through</c>; risk is worked out again from the current views). Idempotent; does nothing on a new database.
    /// Every node of the earlier version must be stopped first, as for a rebuild: their shards would move the members on.
    /// </summary>
    public static async Task ContinueFromSeparateShards(IDocumentStore store, CancellationToken token)
    {
        var progress = $"{store.Options.Events.DatabaseSchemaName}.mt_event_progression";
        var members = string.Join(", ", CommitmentsMembers.Select(m => $"'{m}'"));
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(token);
        await using var command = new NpgsqlCommand($"""
            do $$
            declare kept bigint;
            begin
                if to_regclass('{progress}') is null then return; end if;
                if exists (select 1 from {progress} where name = '{Commitments}:All') then return; end if;
                select min(last_seq_id) into kept from {progress} where name in ({members});
                if kept is null then return; end if;
                -- A member that never moved: the composite starts from nothing, as on a new database (Marten inserts its rows).
                if kept = 0 then delete from {progress} where name in ({members}); return; end if;
                insert into {progress} (name, last_seq_id, last_updated)
                select n, kept, now() from unnest(array['{Commitments}:All', {members}]) n
                on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated;
            end $$
            """, connection);
        await command.ExecuteNonQueryAsync(token);
    }
}
