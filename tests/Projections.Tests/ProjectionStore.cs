using JasperFx;
using LoiTracker.Api.Commitments;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Testing;
using Marten;
using Marten.Events;
using Marten.Events.Daemon;
using JasperFx.Events.Daemon;

namespace LoiTracker.Projections.Tests;

/// <summary>A Marten store on the real PostgreSQL with the projections under test, inline, in a schema of its own.</summary>
public sealed class ProjectionStore : IAsyncLifetime
{
    public string Schema { get; } = TestDatabase.NewSchema("proj");
    public DocumentStore Store { get; private set; } = null!;

    private IProjectionDaemon? _daemon;

    public async Task InitializeAsync()
    {
        Store = Open(Schema);
        // The async projections run as the Api runs them: in the daemon, caught up with WaitForNonStaleProjectionDataAsync.
        _daemon = await Store.BuildProjectionDaemonAsync();
        await _daemon.StartAllAsync();
    }

    /// <summary>A store exactly as the Api configures it (projections, lifecycles, indexes, listeners) in <paramref name="schema"/>.</summary>
    public static DocumentStore Open(string schema) => DocumentStore.For(options =>
    {
        Persistence.Configure(options, TestDatabase.ConnectionString, schema, new CommitmentCache());
        options.AutoCreateSchemaObjects = AutoCreate.All;
    });

    public Task CaughtUp() => Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    public async Task DisposeAsync()
    {
        if (_daemon is not null) await _daemon.StopAllAsync();
        Store.Dispose();
        await TestDatabase.DropSchema(Schema);
    }

    /// <summary>Appends events to a new stream as <paramref name="actor"/> and saves.</summary>
    public async Task Start(Guid id, string actor, params object[] events)
    {
        await using var session = Store.LightweightSession();
        session.LastModifiedBy = actor;
        session.SetHeader("actor-name", actor);
        session.Events.StartStream(id, events);
        await session.SaveChangesAsync();
    }

    /// <summary>
    /// Appends as the Api does: through FetchForWriting. With Marten 9's quick append a plain Append leaves event
    /// versions unknown to inline projections (they see 0); fetching the stream for writing makes them known.
    /// </summary>
    public async Task Append<TAggregate>(Guid id, string actor, params object[] events) where TAggregate : class
    {
        await using var session = Store.LightweightSession();
        session.LastModifiedBy = actor;
        session.SetHeader("actor-name", actor);
        var stream = await session.Events.FetchForWriting<TAggregate>(id);
        stream.AppendMany(events);
        await session.SaveChangesAsync();
    }

    public async Task<T?> Load<T>(Guid id) where T : notnull
    {
        await using var session = Store.QuerySession();
        return await session.LoadAsync<T>(id);
    }
}

[CollectionDefinition(Name)]
public sealed class ProjectionCollection : ICollectionFixture<ProjectionStore>
{
    public const string Name = "projections";
}
