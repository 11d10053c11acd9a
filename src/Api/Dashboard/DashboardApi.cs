using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LoiTracker.Api.Dashboard;

/// <summary>
/// What the API answered: the status, the body, for a problem its title and field errors, and how long it asked to wait
/// (<c>Retry-After</c>, as a 503 "not known yet" says it).
/// </summary>
public sealed record ApiAnswer(int Status, JsonNode? Body, int? RetryAfterSeconds = null)
{
    public bool Ok => Status is >= 200 and < 300;
    public string? Title => Body?["title"]?.GetValue<string>();
    public string? Detail => Body?["detail"]?.GetValue<string>();
    public long? CurrentVersion => Body?["currentVersion"]?.GetValue<long>();

    /// <summary>The API's messages for one field (its name in the request body: <c>dueOn</c>, <c>reason</c>).</summary>
    public IReadOnlyList<string> ErrorsFor(string field) =>
        Body?["errors"]?.AsObject().Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value!.AsArray().Select(m => m!.GetValue<string>())).ToList() ?? [];
}

/// <summary>
/// The dashboard's one way to read and write: <c>/api</c> on this same process, with the signed-in user's bearer token
/// (ADR 22). Validation, idempotency, optimistic concurrency and scope are the API's, never re-implemented here.
/// </summary>
public sealed class DashboardApi(HttpClient http, IHttpContextAccessor context, IServer server, IConfiguration configuration)
{
    public const string TokenClaim = "api_token";

    public async Task<ApiAnswer> Get(string path, CancellationToken token = default) => await Send(HttpMethod.Get, path, null, token);

    /// <summary>The parties the user sees, by name, for the pages' choices (none when the API refuses).</summary>
    public async Task<List<(Guid Id, string Name)>> Parties()
    {
        var found = await Get("/api/parties?pageSize=500");
        return found.Ok
            ? [.. found.Body!["items"]!.AsArray().Select(p => (Guid.Parse(Show.Text(p!["id"])), Show.Text(p["name"]))).OrderBy(p => p.Item2)]
            : [];
    }

    /// <summary>The workstream catalogue's codes.</summary>
    public async Task<List<string>> Workstreams()
    {
        var found = await Get("/api/workstreams");
        return found.Ok ? [.. found.Body!["items"]!.AsArray().Select(w => Show.Text(w!["code"]))] : [];
    }

    public async Task<ApiAnswer> Post(string path, object body, CancellationToken token = default) => await Send(HttpMethod.Post, path, body, token);

    /// <summary>A DELETE (revoking a feed token), sent with the form's <c>_submission</c> as its <c>Idempotency-Key</c> like a POST.</summary>
    public async Task<ApiAnswer> Delete(string path, CancellationToken token = default) => await Send(HttpMethod.Delete, path, null, token);

    public async Task<HttpResponseMessage> Stream(string path, CancellationToken token) =>
        await http.SendAsync(Request(HttpMethod.Get, path, null), HttpCompletionOption.ResponseHeadersRead, token);

    private async Task<ApiAnswer> Send(HttpMethod method, string path, object? body, CancellationToken token)
    {
        using var response = await http.SendAsync(Request(method, path, body), token);
        var text = await response.Content.ReadAsStringAsync(token);
        JsonNode? parsed = null;
        if (text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json") ?? false)) parsed = JsonNode.Parse(text);
        var retry = response.Headers.RetryAfter?.Delta is { } wait ? (int)Math.Ceiling(wait.TotalSeconds) : (int?)null;
        return new ApiAnswer((int)response.StatusCode, parsed, retry);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseAddress(), path));
        if (context.HttpContext?.User.FindFirst(TokenClaim)?.Value is { } bearer)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (body is not null) request.Content = JsonContent.Create(body, options: Infrastructure.Json.Options);
        if (method != HttpMethod.Get)
        {
            // A form sent twice (a double click, a retry after a timeout) is one command (api.md, Idempotency-Key).
            var form = context.HttpContext?.Request is { HasFormContentType: true } posted ? posted.Form : null;
            request.Headers.Add("Idempotency-Key", form?.TryGetValue("_submission", out var key) == true && Guid.TryParse(key, out _)
                ? key.ToString()
                : Guid.NewGuid().ToString());
        }
        return request;
    }

    /// <summary>This process's own address: configured (<c>Dashboard:ApiBaseUrl</c>), or the one Kestrel listens on.</summary>
    private Uri BaseAddress()
    {
        if (configuration["Dashboard:ApiBaseUrl"] is { Length: > 0 } configured) return new Uri(configured);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://"))
                      ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("The dashboard cannot find the Api's own address: set Dashboard:ApiBaseUrl.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://127.0.0.1")
            .Replace("://[::]", "://127.0.0.1"));
        return uri.Uri;
    }
}
