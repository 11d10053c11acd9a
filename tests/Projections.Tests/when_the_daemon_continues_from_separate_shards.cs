using JasperFx.Events;
using LoiTracker.Domain.Commitments;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Common;
using LoiTracker.Testing;
using Marten;

namespace LoiTracker.Projections.Tests;

/// <summary>
/// Delivery totals and risk share one shard of the daemon (SharedShards). A database from before kept them in shards of
/// their own: it continues from the least advanced of them, and the deliveries folded again are not counted twice.
/// </summary>
public sealed class when_the_daemon_continues_from_separate_shards : IAsyncLifetime
{
    private readonly string _schema = TestDatabase.NewSchema("shards");
    private DocumentStore _store = null!;
    private static readonly string Composite = $"{SharedShards.Commitments}:All";

    public async Task InitializeAsync()
    {
        _store = ProjectionStore.Open(_schema);
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await TestDatabase.DropSchema(_schema);
    }

    private async Task<Dictionary<string, long>> Progress() =>
        (await _store.Advanced.AllProjectionProgress()).Where(p => !p.ShardName.StartsWith("HighWater"))
        .ToDictionary(p => p.ShardName, p => p.Sequence);

    private async Task Set(string name, long sequence)
    {
        await using var session = _store.LightweightSession();
        session.QueueSqlCommand($"insert into {_schema}.mt_event_progression (name, last_seq_id) values (?, ?) " +
                                "on conflict (name) do update set last_seq_id = excluded.last_seq_id", name, sequence);
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task the_shared_shard_starts_where_the_least_advanced_view_stood_and_the_views_with_it()
    {
        await Set("DeliveryTotals:All", 100);
        await Set("RiskProjection:All", 40);

        await SharedShards.ContinueFromSeparateShards(_store, CancellationToken.None);

        (await Progress()).ShouldBe(new Dictionary<string, long> { [Composite] = 40, ["DeliveryTotals:All"] = 40, ["RiskProjection:All"] = 40 },
            ignoreOrder: true);
    }

    [Fact]
    public async Task once_the_shared_shard_has_a_row_nothing_is_moved_again()
    {
        await Set(Composite, 70);
        await Set("DeliveryTotals:All", 70);
        await Set("RiskProjection:All", 70);

        await SharedShards.ContinueFromSeparateShards(_store, CancellationToken.None);

        (await Progress()).Values.ShouldAllBe(sequence => sequence == 70);
    }

    [Fact]
    public async Task a_view_that_never_moved_lets_the_shared_shard_start_from_nothing()
    {
        await Set("DeliveryTotals:All", 100);
        await Set("RiskProjection:All", 0);

        await SharedShards.ContinueFromSeparateShards(_store, CancellationToken.None);

        // Marten inserts the rows of a shard that starts from nothing: rows left behind would make it fail.
        (await Progress()).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_new_database_is_left_as_it_is()
    {
        await SharedShards.ContinueFromSeparateShards(_store, CancellationToken.None);

        (await Progress()).ShouldBeEmpty();
    }

    [Fact]
    public void a_delivery_folded_again_is_not_counted_twice()
    {
        var projection = new DeliveryTotalsProjection();
        var commitment = Guid.CreateVersion7();
        IEvent Delivery(long sequence, decimal quantity) =>
            new Event<DeliveryRecorded>(new DeliveryRecorded(Guid.CreateVersion7(), "2026-03", quantity, null)) { Sequence = sequence, Timestamp = DateTimeOffset.UnixEpoch };

        var totals = projection.Evolve(null, commitment, Delivery(10, 5));
        totals = projection.Evolve(totals, commitment, Delivery(11, 7));
        // The shard continued from an earlier progress and passes both again, then one it had not seen.
        totals = projection.Evolve(totals, commitment, Delivery(10, 5));
        totals = projection.Evolve(totals, commitment, Delivery(11, 7));
        totals = projection.Evolve(totals, commitment, Delivery(12, 1));

        totals!.Total.ShouldBe(13);
        totals.Count.ShouldBe(3);
        totals.ByPeriod["2026-03"].ShouldBe(13);
        totals.Through.ShouldBe(12);
    }
}
