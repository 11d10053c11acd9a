using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LoiTracker.Api.Infrastructure.OpenApi;

/// <summary>
/// Each operation as a client needs it, read off the endpoint's metadata: its name, summary and feature tag, the
/// bearer requirement unless the endpoint is open, and the problems it can answer (api.md, conventions):
/// 400 with a body or a query, 401/403 when signed in, 404 with an id in the path, 409 when it takes
/// <c>expectedVersion</c>, 413 with a body (naming its limit), 422 for every command, 503 for all.
/// </summary>
public sealed class OperationContract : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var document = context.Document ?? throw new InvalidOperationException("The operation has no document.");
        var metadata = description.ActionDescriptor.EndpointMetadata;
        ProblemComponents.EnsureIn(document);

        if (EndpointNames.OperationId(description) is { } id)
        {
            operation.OperationId = id;
            // Wolverine fills both with its route-derived name; an endpoint that says its own keeps it.
            operation.Summary = metadata.OfType<EndpointSummaryAttribute>().LastOrDefault()?.Summary ?? EndpointNames.Summary(id);
            operation.Description = metadata.OfType<EndpointDescriptionAttribute>().LastOrDefault()?.Description;
        }
        if (EndpointNames.Feature(description) is { } feature)
            operation.Tags = new HashSet<OpenApiTagReference> { new(feature, document) };

        var open = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
        operation.Security = open ? null : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ProblemComponents.Bearer, document)] = [] }];

        var parameters = description.ParameterDescriptions;
        var body = parameters.FirstOrDefault(p => p.Source == BindingSource.Body);
        var command = !HttpMethods.IsGet(description.HttpMethod ?? "GET") && !HttpMethods.IsHead(description.HttpMethod ?? "GET");
        var expectsVersion = body?.Type is { } bodyType && typeof(IExpectVersion).IsAssignableFrom(bodyType)
                             || parameters.Any(p => string.Equals(p.Name, "expectedVersion", StringComparison.OrdinalIgnoreCase));

        var responses = operation.Responses ??= new OpenApiResponses();
        // The framework's own error entries (bare, or ProblemDetails) say less than the problems below.
        foreach (var status in responses.Keys.Where(IsError).ToList())
            if (responses[status].Content is not { Count: > 0 } content || content.Values.All(m => IsFrameworkProblem(m.Schema)))
                responses.Remove(status);

        void Problem(int status, bool when)
        {
            if (when && !responses.ContainsKey(status.ToString()))
                responses[status.ToString()] = new OpenApiResponseReference(ProblemComponents.Responses[status].Name, document);
        }

        Problem(400, body is not null || parameters.Any(p => p.Source == BindingSource.Query));
        Problem(401, !open);
        Problem(403, !open);
        Problem(404, parameters.Any(p => p.Source == BindingSource.Path));
        Problem(409, expectsVersion);
        if (body is not null && !responses.ContainsKey("413"))
        {
            var limit = metadata.OfType<BodyLimitAttribute>().LastOrDefault()?.Bytes ?? BodySizeLimit.DefaultBytes;
            responses["413"] = ProblemComponents.ProblemResponse(document, ProblemComponents.Problem,
                $"The body is larger than the {Size(limit)} this operation reads. Nothing was recorded.");
        }
        Problem(422, command);
        Problem(503, true);

        if (expectsVersion)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match", In = ParameterLocation.Header, Required = false,
                Description = "The ETag a read answered with (`\"7\"`): the same as `expectedVersion`. A stale one answers 409 naming `currentVersion`.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String }
            });
        }

        Successes(description, responses);
        operation.Responses = Sorted(responses);
        return Task.CompletedTask;
    }

    /// <summary>What a command answers (api.md, conventions): the id and the version the next command expects.</summary>
    private static void Successes(ApiDescription description, OpenApiResponses responses)
    {
        foreach (var success in description.SupportedResponseTypes)
        {
            if (!responses.TryGetValue(success.StatusCode.ToString(), out var entry) || entry is not OpenApiResponse response) continue;
            if (success.Type == typeof(Created))
            {
                response.Description = "Created. `Location` is its address; `version` is what the next `expectedVersion` needs.";
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["Location"] = new OpenApiHeader
                {
                    Description = "Where the new record is read.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String }
                };
            }
            else if (success.Type == typeof(Applied))
                response.Description = "Applied. `version` is what the next `expectedVersion` needs.";
            else if (success.Type is { } resource && typeof(IStreamResource).IsAssignableFrom(resource))
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "The record's version (`\"7\"`): send it back as `If-Match` on a command.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String }
                };
            }
        }
    }

    private static OpenApiResponses Sorted(OpenApiResponses responses)
    {
        var sorted = new OpenApiResponses();
        foreach (var (status, response) in responses.OrderBy(r => r.Key, StringComparer.Ordinal)) sorted[status] = response;
        return sorted;
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes / 1024} KiB";

    private static bool IsError(string status) => status.Length == 3 && status[0] is '4' or '5';

    private static bool IsFrameworkProblem(IOpenApiSchema? schema) =>
        schema is null || schema is OpenApiSchemaReference { Reference.Id: "ProblemDetails" or "HttpValidationProblemDetails" };
}
