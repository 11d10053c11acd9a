using Microsoft.OpenApi;

namespace LoiTracker.Api.Infrastructure.OpenApi;

/// <summary>Every schema the document's operations reach, through references into the components.</summary>
public static class SchemaWalk
{
    public static IOpenApiResponse? Resolve(OpenApiDocument document, IOpenApiResponse response) =>
        response is OpenApiResponseReference reference
            ? document.Components?.Responses is { } responses && responses.TryGetValue(reference.Reference.Id ?? "", out var target) ? target : null
            : response;

    public static OpenApiSchema? Resolve(OpenApiDocument document, IOpenApiSchema? schema) => schema switch
    {
        OpenApiSchemaReference reference => document.Components?.Schemas is { } schemas && schemas.TryGetValue(reference.Reference.Id ?? "", out var target)
            ? target as OpenApiSchema
            : null,
        OpenApiSchema inline => inline,
        _ => null
    };

    /// <summary>Each reachable schema once; <paramref name="referenced"/> collects the component ids on the way.</summary>
    public static IEnumerable<OpenApiSchema> All(OpenApiDocument document, HashSet<string>? referenced = null)
    {
        referenced ??= [];
        var seen = new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<IOpenApiSchema>();

        void Content(IOpenApiResponse? response)
        {
            foreach (var media in response?.Content?.Values ?? []) Push(media.Schema);
        }
        void Push(IOpenApiSchema? schema)
        {
            if (schema is not null) pending.Push(schema);
        }

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var parameter in operation.Parameters ?? []) Push(parameter.Schema);
            foreach (var media in operation.RequestBody?.Content?.Values ?? []) Push(media.Schema);
            foreach (var response in operation.Responses?.Values.AsEnumerable() ?? []) Content(Resolve(document, response));
        }
        foreach (var response in document.Components?.Responses?.Values.AsEnumerable() ?? []) Content(response);

        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference { Reference.Id: { } id })
            {
                if (referenced.Add(id) && Resolve(document, schema) is { } target) pending.Push(target);
                continue;
            }
            if (schema is not OpenApiSchema node || !seen.Add(node)) continue;
            yield return node;
            foreach (var property in node.Properties?.Values ?? []) Push(property);
            foreach (var branch in (node.OneOf ?? []).Concat(node.AnyOf ?? []).Concat(node.AllOf ?? [])) Push(branch);
            Push(node.Items);
            Push(node.AdditionalProperties);
            Push(node.Not);
        }
    }
}
