using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Xunit.Abstractions;

namespace LoiTracker.Api.Tests.Conventions;

/// <summary>A host of its own for the fuzz run: its writes never touch the shared host's counts.</summary>
public sealed class FuzzHost : ApiHost;

[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<FuzzHost>
{
    public const string Name = "fuzz";
}

/// <summary>
/// A seeded fuzz run, as an attacker or a careless client would send: at least 10,000 generated requests across every
/// read and write route the Api serves (read from its endpoint data source), with hostile ids, query strings and
/// bodies. No answer is a 5xx, and a refused request writes nothing, counted per stream of the record types people
/// write (so work the Api does in the background can never make it fail).
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class when_hostile_requests_arrive(FuzzHost api, ITestOutputHelper output)
{
    private const int Seed = 20261129;
    private const int Requests = 10_000;

    private static readonly string[] HostileText =
    [
        "", " ", "\u0000", "a\u0000b", "\u202Eevil", "\u2066x\u2069", "\r\n", "%00", "../../etc/passwd", "' OR 1=1 --", "<script>alert(1)</script>",
        "=HYPERLINK(\"x\")", "null", "undefined", "NaN", "-1", "0", "2147483648", "99999999999999999999999", "1e309", "9999-12-31",
        "0001-01-01", "2026-02-30", "10000-01-01", "javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", @"\\server\share",
        "localtime", "Factory", "Korea Standard Time", "💥🔥", "\uFFFF", "\uD800", new string('x', 5_000), "Ω≈ç√∫", "{}", "[]", "true"
    ];

    // Kestrel refuses a path holding NUL before any application code sees it; the in-memory host cannot even build one.
    private static readonly string[] HostilePathText = [.. HostileText.Where(t => !t.Contains('\u0000'))];

    private static readonly string[] QueryNames =
    [
        "page", "pageSize", "party", "obligor", "beneficiary", "workstream", "status", "binding", "agreement", "atRisk", "q", "state", "from", "to",
        "assignee", "kind", "group", "reason", "expectedVersion", "asOf", "on", "since", "root", "depth"
    ];

    private static readonly string[] BrokenBodies = ["", "{", "[]", "\"text\"", "12", "null", "{\"a\":", "\u0000", "[[[[[[[[[[]]]]]]]]]]"];

    private sealed record World(Dictionary<string, Guid[]> Ids);

    [Fact]
    public async Task ten_thousand_hostile_requests_get_no_5xx_and_every_refusal_writes_nothing()
    {
        var random = new Random(Seed);
        var world = await AWorld();
        var routes = api.Routes().Where(r => r.Pattern.StartsWith("/api/")).ToList();
        var sent = routes.ToDictionary(r => r.ToString(), _ => 0);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var acceptedWrites = 0;
        var footprint = await Footprint();

        for (var i = 0; i < Requests; i++)
        {
            var route = routes[i < routes.Count * 20 ? i % routes.Count : random.Next(routes.Count)];
            var url = Url(route, world, random) + Query(random);
            var body = route.Method is "POST" or "PUT" or "PATCH" ? Body(route, world, random) : null;
            var role = random.Next(10) switch { 0 => null, 1 => "viewer", 2 => "editor", _ => random.Next(2) == 0 ? "legal" : "admin" };

            Reply reply;
            try
            {
                reply = await Send(route.Method, url, body, role);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Sending {route.Method} {url} failed in the test itself", e);
            }
            sent[route.ToString()]++;
            statuses[reply.Status] = statuses.GetValueOrDefault(reply.Status) + 1;
            if (reply.Status < 300 && route.Method != "GET") acceptedWrites++;
            var after = await Footprint();
            if (reply.Status >= 500) failures.Add($"{reply.Status} {route.Method} {url} {Shorten(body)} -> {Shorten(reply.Text)}");
            else if (reply.Status >= 400 && after != footprint)
                failures.Add($"refused with {reply.Status} but wrote: {route.Method} {url} {Shorten(body)}");
            footprint = after;
            if (failures.Count >= 20) break;
        }

        output.WriteLine($"statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} × {s.Value}"))}; accepted writes: {acceptedWrites}");
        failures.ShouldBeEmpty();
        // Hostile, not hopeless: enough requests get through to the decisions and the writes that the run proves something there.
        acceptedWrites.ShouldBeGreaterThan(Requests / 50);
        sent.Values.Sum().ShouldBeGreaterThanOrEqualTo(Requests);
        sent.Where(s => s.Value < 20).ShouldBeEmpty("routes the run did not reach enough");
    }

    private async Task<Reply> Send(string method, string url, string? body, string? role)
    {
        // The query string goes on as sent (Kestrel keeps it raw); the in-memory host would decode it into the path otherwise.
        var (path, query) = url.IndexOf('?') is var mark and >= 0 ? (url[..mark], url[mark..]) : (url, "");
        var result = await api.Host.Scenario(s =>
        {
            if (method == "GET") s.Get.Url(path);
            else if (method == "DELETE") s.Delete.Url(path);
            else if (body is null) s.Post.Url(path);
            else s.Post.Text(body).ToUrl(path);
            if (query.Length > 0) s.ConfigureHttpContext(c => c.Request.QueryString = new QueryString(query));
            if (body is not null) s.WithRequestHeader("Content-Type", "application/json");
            if (role is not null) s.WithBearerToken(TestTokens.For(role));
            s.IgnoreStatusCode();
        });
        return new Reply(result.Context.Response.StatusCode, null, await result.ReadAsTextAsync(), null, result.Context.Response.ContentType);
    }

    /// <summary>How many streams of the record types people write exist, and how many events they hold.</summary>
    private async Task<(long Streams, long Events)> Footprint()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select count(*), coalesce(sum(version), 0) from \"{api.Schema}\".mt_streams " +
            "where type is null or type in ('party', 'agreement', 'condition', 'commitment', 'privileged_notes')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<World> AWorld()
    {
        var openAi = await api.RegisterParty("OpenAI");
        var samsung = await api.RegisterParty("Samsung Electronics", "Samsung");
        var draft = await api.DraftAgreement("LOI", [(openAi, "Signatory"), (samsung, "Signatory")]);
        var signed = await api.DraftAgreement("Signed LOI", [(openAi, "Signatory"), (samsung, "Signatory")]);
        await api.RecordProvision(signed, "§2", binding: false);
        await api.RecordProvision(signed, "§9", binding: true);
        await api.Sign(signed, new DateOnly(2025, 10, 1), openAi, samsung);
        var binding = await api.MakeCommitment(signed, Driving.Commitment(samsung, openAi, binding: true));
        var supply = await api.MakeCommitment(signed, Driving.Commitment(samsung, openAi, quantity: Driving.MonthlyWafers()));
        var condition = await api.RecordCondition("Extension agreed", expectedBy: "2026-06-30");
        var milestone = (await api.Post($"/api/commitments/{supply}/milestones", new { title = "Allocation", dueOn = "2026-06-30", ownerPartyId = samsung }, "editor")).Id;
        var dependency = (await api.Post($"/api/commitments/{binding}/dependencies", new { dependsOnCommitmentId = supply }, "editor")).Id;
        var delivery = (await api.Post($"/api/commitments/{supply}/deliveries", new { period = "2026-02", quantity = 5 }, "editor")).Id;
        return new World(new Dictionary<string, Guid[]>
        {
            ["parties"] = [openAi, samsung], ["agreements"] = [draft, signed], ["commitments"] = [binding, supply], ["conditions"] = [condition],
            ["milestones"] = [milestone], ["milestoneId"] = [milestone], ["dependencyId"] = [dependency], ["deliveryId"] = [delivery]
        });
    }

    /// <summary>The route with its parameters filled: mostly ids of the right kind, sometimes unknown ids, sometimes hostile text.</summary>
    private static string Url(ApiRoute route, World world, Random random)
    {
        var segments = route.Pattern.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{')) continue;
            var name = segments[i].Trim('{', '}');
            var kind = name == "id" ? segments[i - 1] : name;
            segments[i] = random.Next(10) switch
            {
                < 7 when world.Ids.TryGetValue(kind, out var ids) => ids[random.Next(ids.Length)].ToString(),
                < 8 => Guid.NewGuid().ToString(),
                _ => Uri.EscapeDataString(HostilePathText[random.Next(HostilePathText.Length)])
            };
        }
        return string.Join('/', segments);
    }

    private static string Query(Random random)
    {
        if (random.Next(4) != 0) return "";
        var parts = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
            $"{QueryNames[random.Next(QueryNames.Length)]}={Uri.EscapeDataString(random.Next(3) == 0 ? Guid.NewGuid().ToString() : HostileText[random.Next(HostileText.Length)])}");
        return "?" + string.Join('&', parts);
    }

    /// <summary>A body that is almost right (a valid one for the route, mutated), or plainly wrong.</summary>
    private static string? Body(ApiRoute route, World world, Random random)
    {
        switch (random.Next(12))
        {
            case 0: return null;
            case 1: return BrokenBodies[random.Next(BrokenBodies.Length)];
            case 2: return new string('[', 2_000) + new string(']', 2_000);
        }
        var body = ValidBody(route, world, random);
        // Sometimes untouched, so hostile ids and states reach the decisions and the writes behind the validators.
        for (var mutations = random.Next(0, 3); mutations > 0; mutations--) Mutate(body, random, depth: 0);
        return body.ToJsonString();
    }

    private static void Mutate(JsonObject body, Random random, int depth)
    {
        var keys = body.Select(p => p.Key).ToList();
        if (keys.Count == 0 || random.Next(6) == 0)
        {
            body[$"unexpected{random.Next(100)}"] = Hostile(random);
            return;
        }
        var key = keys[random.Next(keys.Count)];
        switch (random.Next(4))
        {
            case 0: body.Remove(key); break;
            case 1 when body[key] is JsonObject inner && depth < 3: Mutate(inner, random, depth + 1); break;
            case 2 when body[key] is JsonArray items && items.Count > 0 && items[0] is JsonObject first && depth < 3: Mutate(first, random, depth + 1); break;
            default: body[key] = Hostile(random); break;
        }
    }

    private static JsonNode? Hostile(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(HostileText[random.Next(HostileText.Length)]),
        2 => JsonValue.Create(random.Next(2) == 0 ? long.MaxValue : long.MinValue),
        3 => JsonValue.Create(random.Next(2) == 0 ? 1e300 : -0.000001),
        4 => JsonValue.Create(random.Next(2) == 0),
        5 => new JsonArray(JsonValue.Create(HostileText[random.Next(HostileText.Length)]), null, JsonValue.Create(-1)),
        6 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = JsonValue.Create("x") } },
        7 => JsonValue.Create(Guid.NewGuid()),
        _ => JsonValue.Create(new string('y', random.Next(2) == 0 ? 300 : 25_000))
    };

    /// <summary>A valid body for each write route, as a client would send it; a route missing here gets an empty object.</summary>
    private static JsonObject ValidBody(ApiRoute route, World world, Random random)
    {
        Guid Pick(string kind) => world.Ids[kind][random.Next(world.Ids[kind].Length)];
        var unique = Guid.NewGuid().ToString("N")[..8];
        object? body = route.Pattern switch
        {
            "/api/parties" => new { name = $"Party {unique}", group = "Group", country = "KR" },
            "/api/parties/{id}/rename" => new { name = $"Renamed {unique}" },
            "/api/parties/{id}/group" => new { group = "Samsung" },
            "/api/agreements" => new
            {
                title = "MOU", kind = "MemorandumOfUnderstanding", timeZone = "Asia/Seoul", source = Driving.PublicAnnouncement,
                parties = new[] { new { partyId = Pick("parties"), role = "Signatory" } }
            },
            "/api/agreements/{id}/parties" => new { partyId = Pick("parties"), role = "Observer" },
            "/api/agreements/{id}/provisions" => new { @ref = $"§{random.Next(50)}", heading = "H", text = "T", binding = random.Next(2) == 0 },
            "/api/agreements/{id}/key-dates" => new { kind = "LongStop", date = "2026-12-31" },
            "/api/agreements/{id}/sign" => new { signatures = new[] { new { partyId = Pick("parties"), signedOn = "2025-10-01", signatoryName = "S" } } },
            "/api/agreements/{id}/supersede" => new { byAgreementIds = new[] { Pick("agreements") }, reason = "r" },
            "/api/agreements/{id}/terminate" => new { on = "2026-01-01", reason = "r" },
            "/api/agreements/{id}/abandon" => new { reason = "r" },
            "/api/agreements/{id}/notes" or "/api/commitments/{id}/notes" => new { text = "Note", privileged = random.Next(3) == 0 },
            "/api/agreements/{id}/commitments" => Driving.Commitment(Pick("parties"), Pick("parties"), quantity: Driving.MonthlyWafers()),
            "/api/commitments/{id}/deliveries" => new { period = "2026-03", quantity = random.Next(1, 100) },
            "/api/commitments/{id}/milestones" => new { title = "M", dueOn = "2026-12-31", ownerPartyId = Pick("parties") },
            "/api/commitments/{id}/milestones/{milestoneId}/reschedule" => new { dueOn = "2027-01-31", reason = "Delay" },
            "/api/commitments/{id}/milestones/{milestoneId}/complete" => new { completedOn = "2026-02-27" },
            "/api/commitments/{id}/milestones/{milestoneId}/assignee" => new { assignee = "Grace" },
            "/api/commitments/{id}/dependencies" => new { dependsOnCommitmentId = Pick("commitments") },
            "/api/commitments/{id}/conditions" => new { conditionId = Pick("conditions") },
            "/api/conditions" => new { title = "Board vote", kind = "BoardApproval", expectedBy = "2026-06-30" },
            "/api/conditions/{id}/satisfy" => new { on = "2026-02-01" },
            "/api/conditions/{id}/fail" => new { reason = "No" },
            "/api/commitments/{id}/owner" => new { owner = "Grace" },
            "/api/commitments/{id}/notice-breach" => new { cureBy = "2099-01-01", reason = "Late" },
            "/api/commitments/{id}/carry-forward" => new { toAgreementId = Pick("agreements") },
            "/api/commitments/{id}/waive" or "/api/commitments/{id}/withdraw" or "/api/commitments/{id}/not-performed" => new { reason = "r" },
            "/api/import" => new
            {
                parties = new[] { new { key = $"p-{unique}", name = $"Imported {unique}" } },
                conditions = new[] { new { key = $"c-{unique}", title = "Imported condition", kind = "Other" } }
            },
            _ => new { }
        };
        return JsonSerializer.SerializeToNode(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!.AsObject();
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 300 ? text[..300] + "…" : text;
}
