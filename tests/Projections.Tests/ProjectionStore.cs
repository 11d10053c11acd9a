using JasperFx.Events.Projections;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Parties;
using LoiTracker.Testing;
using Marten;
using Marten.Schema;
using JasperFx;
using Weasel.Core;

namespace LoiTracker.Projections.Tests;

/// <summary>A Marten store on the real PostgreSQL with the projections under test, inline, in a schema of its own.</summary>
public sealed class ProjectionStore : IAsyncLifetime
{
    public string Schema { get; } = TestDatabase.NewSchema("proj");
    public DocumentStore Store { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Store = DocumentStore.For(options =>
        {
            options.Connection(TestDatabase.ConnectionString);
            options.DatabaseSchemaName = Schema;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            options.Events.MetadataConfig.HeadersEnabled = true;
            options.Events.MetadataConfig.UserNameEnabled = true;
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.Projections.Add<AgreementProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<AgreementViewProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<PartyProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<PartyViewProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<PartyView>().UniqueIndex(UniqueIndexType.Computed, "party_name_key", x => x.NameKey);
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
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
