using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LoiTracker.Api.Infrastructure.OpenApi;

/// <summary>The document's front page: what the Api is, how to sign in, and one tag per feature with what it is for.</summary>
public sealed class DocumentInfo : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ProblemComponents.EnsureIn(document);
        document.Info = new OpenApiInfo
        {
            Title = "LoiTracker",
            Version = "v1",
            Description =
                "Tracks what letters of intent and the agreements that follow them commit each party to: the obligations " +
                "register, milestones, conditions and deliveries, with every change kept as a fact.\n\n" +
                "**Signing in.** " + SigningIn.HowTo + "\n\n" +
                "**Conventions.** JSON is camelCase; enums travel as their names (`LetterOfIntent`, `up-to`); dates are ISO 8601 " +
                "(`2026-03-31`), instants RFC 3339 UTC. A command answers `{ id, version }`; send that version back as " +
                "`expectedVersion` to be told (409) when someone else changed the record first. Refusals are problems " +
                "(`application/problem+json`): 422 names the rule, 400 the fields."
        };

        // A trailing slash would double up with every path.
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');

        var features = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags?.AsEnumerable() ?? []).Select(t => t.Reference.Id).OfType<string>().Distinct().Order();
        var assembly = typeof(DocumentInfo).Assembly;
        document.Tags = new HashSet<OpenApiTag>(features.Select(feature => new OpenApiTag
        {
            Name = feature, Description = EndpointNames.FeatureDescription(assembly, feature)
        }));
        return Task.CompletedTask;
    }
}
