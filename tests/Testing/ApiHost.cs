using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Hosting;
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
                services.RunPreGeneratedCode();
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
            });
        });
    }

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

    public Task<Reply> Post(string url, object? body, string? role = "legal") => Send(HttpMethod.Post, url, body, role);

    public Task<Reply> Get(string url, string? role = "viewer") => Send(HttpMethod.Get, url, null, role);

    public Task<Reply> Delete(string url, string? role = "legal") => Send(HttpMethod.Delete, url, null, role);

    /// <summary>Sends a request as a user with <paramref name="role"/> (no token when null); the body is JSON unless it is a string.</summary>
    public async Task<Reply> Send(HttpMethod method, string url, object? body, string? role, string? token = null)
    {
        var result = await Host.Scenario(s =>
        {
            var json = body switch { null => null, string raw => raw, _ => JsonSerializer.Serialize(body, Web) };
            if (method == HttpMethod.Get) s.Get.Url(url);
            else if (method == HttpMethod.Delete) s.Delete.Url(url);
            else if (json is null) s.Post.Url(url);
            else s.Post.Text(json).ToUrl(url);
            if (json is not null) s.WithRequestHeader("Content-Type", "application/json");
            token ??= role is null ? null : TestTokens.For(role);
            if (token is not null) s.WithBearerToken(token);
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        var body2 = string.IsNullOrWhiteSpace(text) ? null : TryParse(text);
        return new Reply(result.Context.Response.StatusCode, body2, text,
            result.Context.Response.Headers.Location.ToString(), result.Context.Response.ContentType);
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

    /// <summary>Every event in the store: a refused request must leave this unchanged.</summary>
    public async Task<long> EventCount()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}

/// <summary>What a client sees: the status, the JSON body, the Location header.</summary>
public sealed record Reply(int Status, JsonNode? Body, string Text, string? Location, string? ContentType)
{
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
