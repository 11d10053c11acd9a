using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace LoiTracker.Api.Infrastructure.OpenApi;

/// <summary>
/// The problems of api.md's conventions table as document components: one schema per shape (every problem has
/// <c>type, title, status, detail, instance</c>; a 400 adds <c>errors</c>, a 409 <c>currentVersion</c>, a 422
/// <c>rule</c>) and one response per status, so each operation refers to the ones it can give. The bearer scheme too.
/// </summary>
public static class ProblemComponents
{
    public const string ProblemJson = Problems.ProblemJson;
    public const string Bearer = "bearer";

    public const string Problem = "Problem";
    public const string ValidationProblem = "ValidationProblem";
    public const string ConflictProblem = "ConflictProblem";
    public const string RuleProblem = "RuleProblem";

    /// <summary>The shared responses by status, each with the schema of its problem.</summary>
    public static readonly IReadOnlyDictionary<int, (string Name, string Schema, string Description)> Responses =
        new Dictionary<int, (string, string, string)>
        {
            [400] = ("BadRequest", ValidationProblem,
                "The request is not valid: `errors` names each body field, query parameter or header at fault with its messages. Nothing was recorded."),
            [401] = ("Unauthorized", Problem, "No bearer token, or one this Api does not trust. Send `Authorization: Bearer <JWT>`."),
            [403] = ("Forbidden", Problem, "The token is valid but its role may not do this (api.md, the role table)."),
            [404] = ("NotFound", Problem, "There is nothing at this address: an unknown id, or one outside what this user may see."),
            [409] = ("Conflict", ConflictProblem,
                "`expectedVersion` is behind: the record has moved on. `currentVersion` is the version to decide on now. Nothing was recorded."),
            [422] = ("Refused", RuleProblem,
                "A rule refuses it (an illegal transition, a dependency cycle, signing twice, ...): `rule` names the rule, `title` says why. Nothing was recorded."),
            [503] = ("Unavailable", Problem, "The database is unreachable or stalled. Nothing was recorded: try again in a moment."),
        };

    /// <summary>Adds what is missing: safe to call from every operation, since transformers run in no promised order.</summary>
    public static void EnsureIn(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        var schemas = document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (schemas.ContainsKey(Problem)) return;

        schemas[Problem] = ProblemSchema("A problem (RFC 9457): what went wrong, in a sentence a lawyer can read.");
        var validation = ProblemSchema("A request that is not valid (400).");
        validation.Properties!["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The fields at fault, each with its messages, named as the client sent them (`parties[0].partyId`).",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            Examples = [new JsonObject { ["title"] = new JsonArray("'Title' must not be empty.") }]
        };
        schemas[ValidationProblem] = validation;

        var conflict = ProblemSchema("A stale `expectedVersion` (409).");
        conflict.Properties!["currentVersion"] = new OpenApiSchema
            { Type = JsonSchemaType.Integer, Format = "int64", Description = "The version the record is at now." };
        schemas[ConflictProblem] = conflict;

        var rule = ProblemSchema("A refusal by a rule (422).");
        rule.Properties!["rule"] = new OpenApiSchema
            { Type = JsonSchemaType.String, Description = "The rule that refused it, as a stable code.", Examples = ["already-signed"] };
        rule.Required!.Add("rule");
        schemas[RuleProblem] = rule;

        var responses = document.Components.Responses ??= new Dictionary<string, IOpenApiResponse>();
        foreach (var (_, (name, schema, description)) in Responses)
            responses[name] = ProblemResponse(document, schema, description);

        var schemes = document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        schemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = SigningIn.HowTo
        };
    }

    public static OpenApiResponse ProblemResponse(OpenApiDocument document, string schema, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemJson] = new() { Schema = new OpenApiSchemaReference(schema, document) }
        }
    };

    private static OpenApiSchema ProblemSchema(string description) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Required = new HashSet<string> { "title", "status" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI naming the kind of problem." },
            // The title is what a client shows: generated clients take it as the exception's message.
            ["title"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Description = "What went wrong, in a sentence a lawyer can read.",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-ms-primary-error-message"] = new JsonNodeExtension(true) }
            },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "More about this occurrence, where there is more to say." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The path that was asked for." },
            ["correlationId"] = new OpenApiSchema
                { Type = JsonSchemaType.String, Description = "Ties this answer to the Api's log line about it: quote it when asking for help." },
        }
    };
}
