using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace LoiTracker.Contract.Tests;

/// <summary>The document at /openapi/v1.json says what the Api does, for every operation, including one added tomorrow.</summary>
[Collection(ContractCollection.Name)]
public sealed class when_reading_the_served_document(ContractHost api, ITestOutputHelper output)
{
    private static readonly string[] ProblemSchemas = ["Problem", "ValidationProblem", "ConflictProblem", "RuleProblem"];
    private Document Doc { get; } = new(api.Document);

    [Fact]
    public async Task redocly_recommended_finds_no_errors()
    {
        var file = Path.Combine(ClientTools.Scratch, "openapi-lint.json");
        await File.WriteAllTextAsync(file, api.Document);

        var (_, all, stdout) = await ClientTools.Run(ClientTools.Npm("redocly"),
            ["lint", file, "--extends", "recommended", "--format", "json"], ClientTools.TypeScript, TimeSpan.FromMinutes(1), check: false);

        var report = JsonNode.Parse(stdout[stdout.IndexOf('{')..]) ?? throw new InvalidOperationException(all);
        var problems = report["problems"]!.AsArray().Select(p => p!).ToList();
        foreach (var problem in problems)
            output.WriteLine($"{problem["severity"]} {problem["ruleId"]}: {problem["message"]} at {problem["location"]?[0]?["pointer"]}");
        var totals = report["totals"]!;
        output.WriteLine($"Redocly recommended: {totals["errors"]} errors, {totals["warnings"]} warnings");
        totals["errors"]!.GetValue<int>().ShouldBe(0, all);
    }

    [Fact]
    public void every_operation_has_a_unique_domain_name_a_summary_and_a_described_feature_tag()
    {
        var tags = Doc.Root["tags"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["description"]?.GetValue<string>());
        var ids = new List<string>();
        foreach (var operation in Doc.Operations)
        {
            var id = operation.Id.ShouldNotBeNull(operation.ToString());
            id.ShouldMatch("^[a-z][A-Za-z]+$", $"{operation}: a camelCase name in the domain's words");
            ids.Add(id);
            operation.Node["summary"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace(operation.ToString());
            var tag = operation.Node["tags"]!.AsArray().Single()!.GetValue<string>();
            tags.ShouldContainKey(tag, operation.ToString());
            tags[tag].ShouldNotBeNullOrWhiteSpace($"feature {tag} has no [Description] on its Configuration");
        }
        ids.ShouldBeUnique();
        ids.ShouldContain("signAgreement");
        ids.ShouldContain("listRegister");
        ids.ShouldContain("recordDelivery");
        tags.Keys.ShouldBe(["Access", "Agreements", "Alerts", "Audit", "Calendar", "Commitments", "Conditions", "Import", "Milestones", "Overview", "Parties", "Risk"], ignoreOrder: true);
    }

    [Fact]
    public void every_api_operation_needs_the_bearer_token_the_document_declares()
    {
        var scheme = Doc.Root["components"]!["securitySchemes"]!["bearer"]!;
        scheme["type"]!.GetValue<string>().ShouldBe("http");
        scheme["scheme"]!.GetValue<string>().ShouldBe("bearer");
        scheme["bearerFormat"]!.GetValue<string>().ShouldBe("JWT");
        scheme["description"]!.GetValue<string>().ShouldContain("token --name");

        foreach (var operation in Doc.Operations)
        {
            operation.Path.ShouldStartWith("/api/", customMessage: "health and the document are open and not described as operations");
            var requirement = operation.Node["security"]?.AsArray().Single()!.AsObject();
            requirement.ShouldNotBeNull(operation.ToString()).ContainsKey("bearer").ShouldBeTrue(operation.ToString());
        }
    }

    [Fact]
    public void every_operation_lists_the_problems_it_can_answer()
    {
        foreach (var operation in Doc.Operations)
        {
            var statuses = operation.Statuses.ToHashSet();
            var hasBody = operation.Node["requestBody"] is not null;
            var command = operation.Method != "get";
            var takesVersion = hasBody && Doc.Resolve(operation.Node["requestBody"]!["content"]!["application/json"]!["schema"]!)["properties"]?["expectedVersion"] is not null
                               || operation.Parameters("query").Any(p => p["name"]!.GetValue<string>() == "expectedVersion");
            var expected = new Dictionary<string, bool>
            {
                ["400"] = hasBody || operation.Parameters("query").Any(),
                ["401"] = true, ["403"] = true,
                ["404"] = operation.Parameters("path").Any(),
                ["409"] = takesVersion,
                ["413"] = hasBody,
                ["422"] = command,
                ["503"] = true
            };
            foreach (var (status, present) in expected)
                statuses.Contains(status).ShouldBe(present, $"{operation} answering {status}");

            foreach (var status in statuses.Where(s => s[0] is '4' or '5'))
            {
                var response = Doc.Resolve(operation.Node["responses"]![status]!);
                response["description"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
                var schema = response["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>();
                ProblemSchemas.ShouldContain(schema.Split('/')[^1], $"{operation} {status}");
            }
        }
    }

    [Fact]
    public void problems_have_the_shape_the_conventions_table_gives_them()
    {
        foreach (var name in ProblemSchemas)
            Doc.Schemas[name]!["properties"]!.AsObject().Select(p => p.Key).ShouldBeSubsetOf<string>(
                ["type", "title", "status", "detail", "instance", "correlationId", "errors", "currentVersion", "rule"]);
        foreach (var name in ProblemSchemas)
            new[] { "type", "title", "status", "detail", "instance" }.ShouldBeSubsetOf(Doc.Schemas[name]!["properties"]!.AsObject().Select(p => p.Key));
        Doc.Schemas["ValidationProblem"]!["properties"]!["errors"]!["additionalProperties"]!["type"]!.GetValue<string>().ShouldBe("array");
        Doc.Schemas["ConflictProblem"]!["properties"]!["currentVersion"]!["type"]!.GetValue<string>().ShouldBe("integer");
        Doc.Schemas["RuleProblem"]!["properties"]!["rule"]!["type"]!.GetValue<string>().ShouldBe("string");
    }

    [Fact]
    public void a_request_property_is_never_both_required_and_nullable()
    {
        var requests = new HashSet<string>();
        foreach (var operation in Doc.Operations) Doc.Reach(operation.Node["requestBody"], requests);
        requests.ShouldContain("SignAgreement");

        foreach (var id in requests)
        {
            var schema = Doc.Schemas[id]!;
            foreach (var required in schema["required"]?.AsArray() ?? [])
            {
                var name = required!.GetValue<string>();
                Document.IsNullable(schema["properties"]![name]!).ShouldBeFalse($"{id}.{name} is required and nullable");
            }
        }
        // What the validators require, the document requires.
        Doc.Schemas["DraftAgreement"]!["required"]!.AsArray().Select(r => r!.GetValue<string>())
            .ShouldBe(["title", "kind", "parties", "source"], ignoreOrder: true);
        Doc.Schemas["SignatureInput"]!["required"]!.AsArray().Select(r => r!.GetValue<string>())
            .ShouldBe(["partyId", "signedOn", "signatoryName"], ignoreOrder: true);
        Doc.Schemas["SignAgreement"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["signatures"]);
    }

    [Fact]
    public void numbers_are_numbers_money_is_a_decimal_and_enums_are_their_wire_names()
    {
        var text = api.Document;
        text.ShouldNotContain("\"double\"");
        foreach (var (id, schema) in Doc.Schemas)
        {
            foreach (var (name, property) in schema!["properties"]?.AsObject() ?? [])
                (property!["type"] ?? property["$ref"] ?? property["oneOf"]).ShouldNotBeNull($"{id}.{name} says nothing of its type");
            if (schema["enum"] is JsonArray values)
            {
                schema["type"]!.GetValue<string>().ShouldBe("string", id);
                values.ShouldNotContain(v => v == null, id);
            }
        }
        foreach (var node in Descendants(Doc.Root).OfType<JsonObject>().Where(o => o["type"] is JsonArray))
        {
            var types = node["type"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
            (types.Contains("string") && (types.Contains("integer") || types.Contains("number"))).ShouldBeFalse(node.ToJsonString());
        }
        Doc.Schemas["Money"]!["properties"]!["amount"]!.ToJsonString().ShouldBe("""{"type":"number","format":"decimal"}""");
        Doc.Schemas["LastChange"]!["properties"]!["at"]!["type"]!.GetValue<string>().ShouldBe("string");
        Doc.Schemas["QuantityKind"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["up-to", "at-least", "exactly"]);
        Doc.Schemas["AgreementKind"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldContain("LetterOfIntent");

        // A filter takes what the responses send.
        var milestones = Doc.Operations.Single(o => o.Id == "listMilestones");
        milestones.Parameters("query").Single(p => p["name"]!.GetValue<string>() == "state")["schema"]!["$ref"]!.GetValue<string>()
            .ShouldEndWith("/MilestoneState");
        var agreements = Doc.Operations.Single(o => o.Id == "listAgreements");
        agreements.Parameters("query").Single(p => p["name"]!.GetValue<string>() == "status")["schema"]!["$ref"]!.GetValue<string>()
            .ShouldEndWith("/AgreementStatuses");
        Doc.Schemas["AgreementSummary"]!["properties"]!["status"]!["$ref"]!.GetValue<string>().ShouldEndWith("/AgreementStatuses");
        Doc.Schemas["AgreementStatuses"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldContain("Expired");

        var export = Doc.Operations.Single(o => o.Id == "exportRegister");
        export.Node["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key).ShouldBe(["text/csv"]);
    }

    [Fact]
    public async Task what_the_api_sends_is_what_the_document_says_nulls_included()
    {
        using var editor = api.Client("editor");
        using var viewer = api.Client("viewer");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var party = await Send(editor, HttpMethod.Post, "/api/parties", new { name = $"Shape check {tag}" }, "registerParty", 201);
        var other = await Send(editor, HttpMethod.Post, "/api/parties", new { name = $"Shape check other {tag}", group = "G", country = "KR" }, "registerParty", 201);
        var draft = await Send(editor, HttpMethod.Post, "/api/agreements", new
        {
            title = $"Shape check {tag}", kind = "LetterOfIntent",
            parties = new[] { new { partyId = party["id"], role = "Signatory" }, new { partyId = other["id"], role = "Signatory" } },
            source = new { kind = "Internal", reference = "contract test" }
        }, "draftAgreement", 201);
        var agreement = draft["id"]!.GetValue<Guid>();

        // A draft is full of nulls (never signed, no summary): each must be declared nullable, each property present.
        await Send(viewer, HttpMethod.Get, $"/api/agreements/{agreement}", null, "getAgreement", 200);
        await Send(viewer, HttpMethod.Get, "/api/agreements?pageSize=5", null, "listAgreements", 200);
        await Send(viewer, HttpMethod.Get, $"/api/parties/{party["id"]}", null, "getParty", 200);
        await Send(viewer, HttpMethod.Get, "/api/parties", null, "listParties", 200);
        var commitment = await Send(editor, HttpMethod.Post, $"/api/agreements/{agreement}/commitments", new
        {
            obligorPartyIds = new[] { other["id"] }, beneficiaryPartyIds = new[] { party["id"] }, workstream = "memory-supply",
            title = "Supply", terms = "Supplies DRAM.", binding = false
        }, "makeCommitment", 201);
        await Send(viewer, HttpMethod.Get, $"/api/commitments/{commitment["id"]}", null, "getCommitment", 200);
        await Send(viewer, HttpMethod.Get, $"/api/commitments?agreement={agreement}", null, "listRegister", 200);
        await Send(viewer, HttpMethod.Get, "/api/milestones", null, "listMilestones", 200);
        await Send(viewer, HttpMethod.Get, "/api/conditions", null, "listConditions", 200);
        await Send(viewer, HttpMethod.Get, $"/api/parties/{party["id"]}/ledger", null, "getPartyLedger", 200);

        // Problems too: a 404, a 400 with its field errors, a 422 naming its rule, a 401.
        await Send(viewer, HttpMethod.Get, $"/api/agreements/{Guid.NewGuid()}", null, "getAgreement", 404);
        await Send(editor, HttpMethod.Post, "/api/agreements", new { kind = "LetterOfIntent" }, "draftAgreement", 400);
        await Send(editor, HttpMethod.Post, "/api/parties", new { name = $"Shape check {tag}" }, "registerParty", 422);
        using var nobody = api.Client(null);
        await Send(nobody, HttpMethod.Get, "/api/parties", null, "listParties", 401);
    }

    [Fact]
    public async Task the_docs_page_calls_nothing_outside_the_api_and_says_how_to_authorize()
    {
        using var http = api.Client(null);
        var page = await http.GetAsync("/docs/");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();

        // The browser may load and call this origin only.
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        policy.ShouldStartWith("default-src 'self'");
        Regex.Matches(policy, @"https?://").Count.ShouldBe(0);
        // Scalar's bundle comes from the Api, and nothing of Scalar's own services is switched on.
        Regex.Matches(html, @"src=""([^""]+)""").Select(m => m.Groups[1].Value).ShouldAllBe(src => !src.Contains("//"));
        var configuration = JsonNode.Parse(Regex.Match(html, @"\n\s*(\{""[^\n]*\}),\s*\n").Groups[1].Value)!;
        configuration["agent"]!["disabled"]!.GetValue<bool>().ShouldBeTrue();
        configuration["mcp"]!["disabled"]!.GetValue<bool>().ShouldBeTrue();
        configuration["telemetry"]!.GetValue<bool>().ShouldBeFalse();
        configuration["withDefaultFonts"]!.GetValue<bool>().ShouldBeFalse();
        configuration["hideClientButton"]!.GetValue<bool>().ShouldBeTrue();
        configuration["showDeveloperTools"]!.GetValue<string>().ShouldBe("never");
        configuration["proxyUrl"].ShouldBeNull();
        (await http.GetAsync("/docs/scalar.js")).StatusCode.ShouldBe(HttpStatusCode.OK);

        html.ShouldContain("token --name &quot;Ada Legal&quot; --role legal");
        Doc.Root["info"]!["description"]!.GetValue<string>().ShouldContain("dotnet run --project src/Api -- token");
    }

    /// <summary>Sends a request and holds its answer to the document's schema for that operation and status.</summary>
    private async Task<JsonObject> Send(HttpClient http, HttpMethod method, string url, object? body, string operationId, int status)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);

        var operation = Doc.Operations.Single(o => o.Id == operationId);
        var declared = Doc.Resolve(operation.Node["responses"]![status.ToString()].ShouldNotBeNull($"{operation} does not declare {status}"));
        var mediaType = response.Content.Headers.ContentType!.MediaType!;
        var schema = declared["content"]![mediaType].ShouldNotBeNull($"{operation} {status} does not declare {mediaType}")["schema"]!;
        var json = JsonNode.Parse(text);
        var breaches = Doc.Breaches(json, schema).ToList();
        breaches.ShouldBeEmpty($"{operation} {status}:\n{text}");
        return json as JsonObject ?? [];
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a, _ => [] };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var descendant in Descendants(child)) yield return descendant;
    }
}
