using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace LoiTracker.Api.Infrastructure.OpenApi;

/// <summary>
/// The schemas as the JSON on the wire, walked from each operation with the C# type behind every schema. A
/// response carries every property (Json writes nulls), so each is required, and nullable only where the C# type
/// is. A request carries what its validator requires and never needs a null. Numbers are numbers (money a decimal,
/// never a double); enums are strings with their wire names and no null; a string that is one of a closed set
/// (<see cref="OneOfAttribute"/>) refers to that set, in query filters and responses alike.
/// </summary>
public sealed class WireSchemas(IOptions<JsonOptions> json, IServiceProvider services) : IOpenApiDocumentTransformer
{
    [Flags]
    private enum Role { Request = 1, Response = 2 }

    private sealed record Shape(Type Type, OpenApiSchema Schema)
    {
        public Role Roles { get; set; }
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var walk = new Walk(document, json.Value.SerializerOptions, new InputRules(services));
        foreach (var description in context.DescriptionGroups.SelectMany(g => g.Items))
            if (OperationOf(document, description) is { } operation)
                walk.Operation(operation, description);
        walk.ShapeObjects();
        Formats.Apply(document);
        Prune(document);
        return Task.CompletedTask;
    }

    private static OpenApiOperation? OperationOf(OpenApiDocument document, ApiDescription description) =>
        document.Paths.TryGetValue("/" + description.RelativePath?.TrimStart('/'), out var path)
        && path.Operations?.TryGetValue(new HttpMethod(description.HttpMethod ?? "GET"), out var operation) == true
            ? operation
            : null;

    /// <summary>Components nothing refers to any more (the framework's ProblemDetails, say) only confuse a reader.</summary>
    private static void Prune(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { } schemas) return;
        var referenced = new HashSet<string>();
        foreach (var _ in SchemaWalk.All(document, referenced)) { }
        foreach (var id in schemas.Keys.Where(id => !referenced.Contains(id)).ToList()) schemas.Remove(id);
    }

    private sealed class Walk(OpenApiDocument document, JsonSerializerOptions options, InputRules inputs)
    {
        private readonly Dictionary<OpenApiSchema, Shape> _objects = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<(OpenApiSchema, Role)> _visited = [];

        public void Operation(OpenApiOperation operation, ApiDescription description)
        {
            if (description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type is { } bodyType)
            {
                inputs.LearnRequest(bodyType);
                foreach (var media in operation.RequestBody?.Content?.Values ?? []) Visit(media.Schema, bodyType, Role.Request);
            }
            foreach (var response in description.SupportedResponseTypes.Where(r => r.Type is not null && r.Type != typeof(void)))
                if (operation.Responses?.GetValueOrDefault(response.StatusCode.ToString()) is OpenApiResponse { Content: { } content })
                    foreach (var media in content.Values) Visit(media.Schema, response.Type!, Role.Response);

            var handler = EndpointNames.HandlerOf(description);
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.In != ParameterLocation.Query) continue;
                if (handler?.GetParameters().FirstOrDefault(p => p.Name == parameter.Name)?.GetCustomAttribute<OneOfAttribute>() is { } oneOf)
                    parameter.Schema = EnumReference(oneOf.Values);
                Paging(parameter);
            }
        }

        /// <summary>Lists take <c>?page=</c> from 1 and <c>?pageSize=</c> up to <see cref="Infrastructure.Paging.MaxSize"/>.</summary>
        private static void Paging(OpenApiParameter parameter)
        {
            if (parameter.Schema is not OpenApiSchema schema) return;
            if (parameter.Name == "page")
            {
                schema.Minimum = "1";
                schema.Default = JsonValue.Create(1);
            }
            else if (parameter.Name == "pageSize")
            {
                schema.Minimum = "1";
                schema.Maximum = Infrastructure.Paging.MaxSize.ToString();
                schema.Default = JsonValue.Create(Infrastructure.Paging.DefaultSize);
            }
        }

        private void Visit(IOpenApiSchema? schema, Type type, Role role)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (SchemaWalk.Resolve(document, schema) is not { } node || !_visited.Add((node, role))) return;
            foreach (var branch in node.OneOf ?? []) Visit(branch, type, role);

            if (type == typeof(decimal)) node.Format = "decimal";
            // Instants go through the Api's own converter, which hides their type from the schema exporter.
            if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
            {
                node.Type ??= JsonSchemaType.String;
                node.Format = "date-time";
            }
            if (TypeInfo(type) is not { } info) return;
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object when node.Properties is { Count: > 0 }:
                    if (!_objects.TryGetValue(node, out var shape)) _objects[node] = shape = new Shape(type, node);
                    shape.Roles |= role;
                    foreach (var property in info.Properties)
                        if (node.Properties.TryGetValue(property.Name, out var propertySchema))
                            Visit(propertySchema, property.PropertyType, role);
                    break;
                case JsonTypeInfoKind.Enumerable when info.ElementType is { } element:
                    Visit(node.Items, element, role);
                    break;
                case JsonTypeInfoKind.Dictionary when info.ElementType is { } value:
                    Visit(node.AdditionalProperties, value, role);
                    break;
            }
        }

        public void ShapeObjects()
        {
            foreach (var shape in _objects.Values)
            {
                var info = TypeInfo(shape.Type)!;
                var rules = inputs.For(shape.Type);
                // A type both sent and received is described as received: what a client reads is what it must handle.
                var response = shape.Roles.HasFlag(Role.Response);
                var required = new HashSet<string>();
                foreach (var property in info.Properties)
                {
                    if (!shape.Schema.Properties!.TryGetValue(property.Name, out var schema)) continue;
                    var member = property.AttributeProvider as MemberInfo;
                    if (property.AttributeProvider?.GetCustomAttributes(typeof(OneOfAttribute), true).FirstOrDefault() is OneOfAttribute oneOf)
                        schema = EnumReference(oneOf.Values);

                    bool nullable;
                    if (response)
                    {
                        required.Add(property.Name);
                        nullable = property.PropertyType.IsValueType ? Nullable.GetUnderlyingType(property.PropertyType) is not null : property.IsGetNullable;
                    }
                    else
                    {
                        if (member is not null && rules.Required.Contains(member.Name)) required.Add(property.Name);
                        nullable = false;
                        if (member is not null && rules.Lengths.TryGetValue(member.Name, out var length)) Bound(schema, length);
                    }
                    shape.Schema.Properties[property.Name] = Nullability(schema, nullable);
                }
                shape.Schema.Required = required.Count > 0 ? required : null;
            }
        }

        private static void Bound(IOpenApiSchema schema, (int? Min, int? Max) length)
        {
            if (schema is not OpenApiSchema node) return;
            if (node.Type?.HasFlag(JsonSchemaType.Array) == true)
            {
                node.MinItems = length.Min;
                node.MaxItems = length.Max;
            }
            else if (node.Type?.HasFlag(JsonSchemaType.String) == true)
            {
                node.MinLength = length.Min;
                node.MaxLength = length.Max;
            }
        }

        /// <summary>Null where the Api sends (or takes) null, and nowhere else.</summary>
        private static IOpenApiSchema Nullability(IOpenApiSchema schema, bool nullable)
        {
            switch (schema)
            {
                case OpenApiSchemaReference reference:
                    return nullable ? new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, reference] } : reference;
                case OpenApiSchema { OneOf.Count: > 0 } union when union.OneOf.Any(IsNull):
                    if (nullable) return union;
                    var rest = union.OneOf.Where(b => !IsNull(b)).ToList();
                    if (rest.Count == 1 && union.Properties is null && union.Type is null) return rest[0];
                    union.OneOf = rest;
                    return union;
                case OpenApiSchema { Type: { } type } node when type != JsonSchemaType.Null:
                    node.Type = nullable ? type | JsonSchemaType.Null : type & ~JsonSchemaType.Null;
                    return node;
                default:
                    return schema;
            }
        }

        private static bool IsNull(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };

        /// <summary>A closed set of strings as one component, shared by every filter and property that takes it.</summary>
        private IOpenApiSchema EnumReference(Type values)
        {
            var id = values.Name;
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            if (!document.Components.Schemas.ContainsKey(id))
                document.AddComponent<IOpenApiSchema>(id, new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [.. WireNames(values).Select(name => (JsonNode)JsonValue.Create(name))]
                });
            return new OpenApiSchemaReference(id, document);
        }

        private static IEnumerable<string> WireNames(Type values)
        {
            if (values.IsEnum)
                return values.GetFields(BindingFlags.Public | BindingFlags.Static)
                    .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);
            var all = (object?)values.GetField("All", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
                      ?? values.GetProperty("All", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
            return all as IEnumerable<string> ?? throw new InvalidOperationException($"{values.Name} lists no values: give it a static All.");
        }

        private JsonTypeInfo? TypeInfo(Type type)
        {
            if (type.IsInterface && !type.IsGenericType || type == typeof(object)) return null;
            try
            {
                return options.GetTypeInfo(type);
            }
            catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
            {
                return null; // a type the serializer does not describe (IResult) has no shape to give
            }
        }
    }

    /// <summary>Numbers as numbers, enums as strings, and dates and instants shown as api.md writes them.</summary>
    private static class Formats
    {
        public static void Apply(OpenApiDocument document)
        {
            foreach (var schema in SchemaWalk.All(document))
            {
                // Reading accepts numbers in strings (web defaults), but the Api sends numbers and clients should too.
                if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String)
                                            && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
                {
                    schema.Type = type & ~JsonSchemaType.String;
                    schema.Pattern = null;
                }
                if (schema.Enum is { Count: > 0 } values)
                {
                    schema.Enum = [.. values.Where(v => v is not null)];
                    schema.Type ??= JsonSchemaType.String;
                }
                schema.Examples ??= schema.Format switch
                {
                    "date" => [JsonValue.Create("2026-03-31")],
                    "date-time" => [JsonValue.Create("2026-03-31T09:00:00Z")],
                    _ => null
                };
            }
        }
    }
}
