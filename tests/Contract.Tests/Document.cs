using System.Text.Json.Nodes;

namespace LoiTracker.Contract.Tests;

/// <summary>The served OpenAPI document, read as JSON the way a client generator reads it.</summary>
public sealed class Document(string json)
{
    public JsonObject Root { get; } = JsonNode.Parse(json)!.AsObject();

    public JsonObject Schemas => Root["components"]!["schemas"]!.AsObject();

    public sealed record Operation(string Method, string Path, JsonObject Node)
    {
        public string? Id => Node["operationId"]?.GetValue<string>();
        public IEnumerable<string> Statuses => Node["responses"]!.AsObject().Select(r => r.Key);
        public IEnumerable<JsonObject> Parameters(string where) =>
            (Node["parameters"]?.AsArray() ?? []).Select(p => p!.AsObject()).Where(p => p["in"]!.GetValue<string>() == where);
        public override string ToString() => $"{Method.ToUpperInvariant()} {Path} ({Id})";
    }

    public IEnumerable<Operation> Operations =>
        Root["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(o => o.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(o => new Operation(o.Key, path.Key, o.Value!.AsObject())));

    public JsonObject Resolve(JsonNode node)
    {
        var reference = node["$ref"]?.GetValue<string>();
        if (reference is null) return node.AsObject();
        var parts = reference.TrimStart('#', '/').Split('/');
        JsonNode target = Root;
        foreach (var part in parts) target = target[part]!;
        return Resolve(target);
    }

    /// <summary>The component ids a node reaches, through references.</summary>
    public HashSet<string> Reach(JsonNode? node, HashSet<string>? into = null)
    {
        into ??= [];
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/components/schemas/"))
                {
                    var id = reference["#/components/schemas/".Length..];
                    if (into.Add(id)) Reach(Schemas[id], into);
                }
                else if (obj["$ref"]?.GetValue<string>() is { } other) Reach(Resolve(obj), into);
                foreach (var (_, child) in obj) Reach(child, into);
                break;
            case JsonArray array:
                foreach (var child in array) Reach(child, into);
                break;
        }
        return into;
    }

    public static bool IsNullable(JsonNode schema) =>
        schema["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == "null")
        || schema["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && schema["type"]!.GetValue<string>() == "null"
        || (schema["oneOf"]?.AsArray() ?? []).Any(b => b!["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && b["type"]!.GetValue<string>() == "null");

    /// <summary>
    /// Where <paramref name="value"/> breaks <paramref name="schema"/>: a missing required property, a null where the
    /// schema takes none, a value of another type or outside its enum. Enough of JSON Schema to hold the document to
    /// what the Api really sends.
    /// </summary>
    public IEnumerable<string> Breaches(JsonNode? value, JsonNode schema, string at = "$")
    {
        var s = Resolve(schema);
        if (s["oneOf"] is JsonArray branches)
        {
            if (!branches.Any(b => !Breaches(value, b!, at).Any())) yield return $"{at}: matches no branch of {s.ToJsonString()}";
            yield break;
        }
        var types = s["type"] switch
        {
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToHashSet(),
            JsonValue one => [one.GetValue<string>()],
            _ => null
        };
        if (value is null)
        {
            if (types is not null && !types.Contains("null")) yield return $"{at}: null, but the schema takes no null";
            yield break;
        }
        var kind = value.GetValueKind();
        var actual = kind switch
        {
            System.Text.Json.JsonValueKind.Object => "object",
            System.Text.Json.JsonValueKind.Array => "array",
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => value.ToJsonString().Contains('.') ? "number" : "integer",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            _ => "null"
        };
        if (types is not null && !types.Contains(actual) && !(actual == "integer" && types.Contains("number")))
            yield return $"{at}: a JSON {actual}, but the schema says {string.Join('|', types)}";
        if (s["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
            yield return $"{at}: {value.ToJsonString()} is not one of {values.ToJsonString()}";

        if (value is JsonObject obj)
        {
            foreach (var required in s["required"]?.AsArray() ?? [])
                if (!obj.ContainsKey(required!.GetValue<string>())) yield return $"{at}.{required}: required, but missing";
            var properties = s["properties"]?.AsObject();
            foreach (var (name, child) in obj)
            {
                var propertySchema = properties?[name] ?? s["additionalProperties"];
                if (propertySchema is null)
                {
                    if (properties is not null) yield return $"{at}.{name}: sent, but not in the schema";
                    continue;
                }
                foreach (var breach in Breaches(child, propertySchema, $"{at}.{name}")) yield return breach;
            }
        }
        if (value is JsonArray items && s["items"] is { } itemSchema)
            for (var i = 0; i < items.Count; i++)
                foreach (var breach in Breaches(items[i], itemSchema, $"{at}[{i}]")) yield return breach;
    }
}
