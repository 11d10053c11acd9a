using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using JasperFx.Events;
using LoiTracker.Api.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wolverine;
using Xunit;
using Shouldly;

namespace LoiTracker.Testing;

/// <summary>
/// The real Api in memory (Alba), on the real PostgreSQL in a schema of its own, with a clock the tests move.
/// One host per test assembly: tests in it run one after another, so counting events is exact.
/// </summary>
public class ApiHost : IAsyncLifetime
{
    /// <summary>Business time starts here in every test run: 1 March 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The JSON the Api speaks (api.md): replies are read back into the Api's own response records with it.</summary>
    public static readonly JsonSerializerOptions ApiJson = CreateApiJson();

    private static JsonSerializerOptions CreateApiJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Json.Configure(options);
        return options;
    }

    public string Schema { get; } = TestDatabase.NewSchema("test");
    public FakeTimeProvider Clock { get; } = new(Start);
    public IAlbaHost Host { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("ConnectionStrings:Marten", TestDatabase.ConnectionString);
            web.UseSetting("Database:Schema", Schema);
            web.UseSetting("Auth:SigningKey", TestTokens.SigningKey);
            Configure(web);
            web.ConfigureServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton<RecordedLog>();
                services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(s => s.GetRequiredService<RecordedLog>());
                services.RunPreGeneratedCode();
                if (Solo) services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
            });
        });
    }

    /// <summary>
    /// One node that owns every agent, without leader election: quick to start. A host that plays one node of a cluster
    /// (registered, with heartbeats, sharing agents) says false and runs Wolverine's balanced mode, as production does.
    /// </summary>
    protected virtual bool Solo => true;

    /// <summary>Settings a host of a particular state of the world adds (the sample deal loaded, say).</summary>
    protected virtual void Configure(IWebHostBuilder web)
    {
    }

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await TestDatabase.DropSchema(Schema);
    }

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Runs the audit job until every event committed so far is in the audit model (by the database's clock).</summary>
    public async Task<LoiTracker.Projections.Audit.AuditMark> AuditCaughtUp() =>
        await LoiTracker.Projections.Audit.AuditCopy.CatchUpTo(Store, await LoiTracker.Projections.Audit.AuditCopy.DatabaseNow(Store, default), default);

    /// <summary>
    /// Runs the audit job until everything written so far is final in the audit model (its <c>safe_seq</c>, which trails
    /// the mark by a run), then seals it with the Api's sealing key (ADR 28). Returns the number of seals made.
    /// </summary>
    public async Task<int> AuditSealed()
    {
        var written = await Store.Storage.Database.FetchHighestEventSequenceNumber();
        while ((await LoiTracker.Projections.Audit.AuditCopy.Run(Store, default)).SafeSequence < written)
        {
        }
        var key = Host.Services.GetRequiredService<LoiTracker.Api.Audit.Sealing>().Key;
        var seals = 0;
        for (int made; (made = await LoiTracker.Projections.Audit.AuditSeals.Seal(Store, key, default)) > 0;) seals += made;
        return seals;
    }

    public Task<Reply> Post(string url, object? body, string? role = "legal") => Send(HttpMethod.Post, url, body, role);

    public Task<Reply> Get(string url, string? role = "viewer") => Send(HttpMethod.Get, url, null, role);

    public Task<Reply> Delete(string url, string? role = "legal") => Send(HttpMethod.Delete, url, null, role);

    /// <summary>Sends a request as a user with <paramref name="role"/> (no token when null); the body is JSON unless it is a string.</summary>
    public async Task<Reply> Send(HttpMethod method, string url, object? body, string? role, string? token = null,
        IReadOnlyList<(string Name, string Value)>? headers = null)
    {
        var result = await Host.Scenario(s =>
        {
            var json = body switch { null => null, string raw => raw, _ => JsonSerializer.Serialize(body, Web) };
            if (method == HttpMethod.Get) s.Get.Url(url);
            else if (method == HttpMethod.Delete) s.Delete.Url(url);
            else if (method == HttpMethod.Put) s.Put.Text(json ?? "").ToUrl(url);
            else if (json is null) s.Post.Url(url);
            else s.Post.Text(json).ToUrl(url);
            if (json is not null) s.WithRequestHeader("Content-Type", "application/json");
            token ??= role is null ? null : TestTokens.For(role);
            if (token is not null) s.WithBearerToken(token);
            foreach (var (name, value) in headers ?? []) s.WithRequestHeader(name, value);
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        var body2 = string.IsNullOrWhiteSpace(text) ? null : TryParse(text);
        return new Reply(result.Context.Response.StatusCode, body2, text,
            result.Context.Response.Headers.Location.ToString(), result.Context.Response.ContentType)
        {
            Headers = result.Context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)
        };
    }

    private static JsonNode? TryParse(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return null; }
    }

    public async Task<IReadOnlyList<IEvent>> EventsOf(Guid streamId)
    {
        await using var session = Store.QuerySession();
        return await session.Events.FetchStreamAsync(streamId);
    }

    /// <summary>Every route the Api serves, read from its endpoint data source: what route-by-route tests enumerate.</summary>
    public IReadOnlyList<ApiRoute> Routes() =>
    [
        .. Host.Services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(method =>
                new ApiRoute(method, "/" + e.RoutePattern.RawText!.TrimStart('/'),
                    e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().FirstOrDefault(),
                    e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .Distinct().OrderBy(r => r.Pattern).ThenBy(r => r.Method)
    ];

    /// <summary>
    /// Waits until the async daemon has caught up with every event appended so far, instead of sleeping: what a test
    /// reading a view kept by the daemon calls after its writes.
    /// </summary>
    public Task WaitForProjections(TimeSpan? timeout = null) =>
        Store.WaitForNonStaleProjectionDataAsync(timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>
    /// Runs <paramref name="action"/> (requests, say) and waits until every Wolverine message it caused, cascading
    /// ones included, has been handled: the tracked session says what was sent and handled, no sleeping.
    /// </summary>
    public Task<Wolverine.Tracking.ITrackedSession> Tracked(Func<Task> action, TimeSpan? timeout = null) =>
        Wolverine.Tracking.WolverineHostMessageTrackingExtensions.TrackActivity(Host, timeout ?? TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Wolverine.IMessageContext _) => action());

    /// <summary>Every event in the store: a refused request must leave this unchanged.</summary>
    public async Task<long> EventCount()
    {
        // Marten's tombstones mark the sequence numbers a failed transaction reserved: bookkeeping, not facts anyone recorded.
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName != "tombstone").CountAsync();
    }
}

/// <summary>A route as the Api serves it: method, pattern, the policy (action) it requires, and whether it is open.</summary>
public sealed record ApiRoute(string Method, string Pattern, string? Policy, bool Anonymous)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>What a client sees: the status, the JSON body, the Location header.</summary>
public sealed record Reply(int Status, JsonNode? Body, string Text, string? Location, string? ContentType)
{
    /// <summary>The response headers, when the request was sent with them kept.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The body read into one of the Api's response records, as a typed client would read it.</summary>
    public T As<T>() => JsonSerializer.Deserialize<T>(Text, ApiHost.ApiJson) ?? throw new InvalidOperationException($"No {typeof(T).Name} in {this}");

    public Guid Id => Body?["id"] is { } id ? Guid.Parse(id.GetValue<string>()) : throw new InvalidOperationException($"No id in {this}");
    public long Version => Body?["version"] is { } version ? version.GetValue<long>() : throw new InvalidOperationException($"No version in {this}");
    public string? Title => Body?["title"]?.GetValue<string>();
    public string? Rule => Body?["rule"]?.GetValue<string>();

    public override string ToString() => $"{Status} {Text}";

    public Reply ShouldBe(int status)
    {
        Status.ShouldBe(status, Text);
        return this;
    }

    /// <summary>The messages of the field errors for <paramref name="field"/> in a 400 problem.</summary>
    public IReadOnlyList<string> ErrorsFor(string field) =>
        Body?["errors"]?[field]?.AsArray().Select(e => e!.GetValue<string>()).ToList() ?? [];
}
