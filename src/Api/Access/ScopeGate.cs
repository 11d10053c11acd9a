using System.Runtime.CompilerServices;
using LoiTracker.Api.Infrastructure;

namespace LoiTracker.Api.Access;

/// <summary>
/// How a route without an id in its path keeps to the user's scope, stated where the route is declared: a list pages
/// through <see cref="Visibility.Page{T}"/>, a creation's references and new streams are checked by the write path, a
/// catalogue holds no deal data. <see cref="ScopeGate.RuleFor"/> refuses a route with neither an id nor this.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScopedAttribute(string how) : Attribute
{
    public string How { get; } = how;
}

/// <summary>
/// The gate every request with an id in its path passes (ADR 16): <c>/api/{kind}/{id}/…</c> answers 404, exactly as
/// for an id that does not exist, when the user does not see that agreement, commitment, party, condition or
/// milestone. Routes added under these paths are gated without doing anything; sub-resources (a commitment's
/// milestones, deliveries and dependencies) are gated through the commitment they belong to.
/// </summary>
public sealed class ScopeGate(RequestDelegate next)
{
    private static readonly Dictionary<string, (ScopedKind Kind, string What)> Kinds = new()
    {
        ["agreements"] = (ScopedKind.Agreement, "Agreement"),
        ["commitments"] = (ScopedKind.Commitment, "Commitment"),
        ["parties"] = (ScopedKind.Party, "Party"),
        ["conditions"] = (ScopedKind.Condition, "Condition"),
        ["milestones"] = (ScopedKind.Milestone, "Milestone"),
        ["alerts"] = (ScopedKind.Alert, "Alert"),
    };

    /// <summary>The rule that keeps <paramref name="endpoint"/> to a user's scope, or null when it has none (a test fails then).</summary>
    public static string? RuleFor(RouteEndpoint endpoint)
    {
        if (GatedKind(endpoint) is { } gated) return $"404 unless the user sees the {gated.What.ToLowerInvariant()} {{id}}";
        return endpoint.Metadata.GetMetadata<ScopedAttribute>()?.How;
    }

    // A route's gate is fixed when it is mapped: read off its pattern once, not on every request.
    private static readonly ConditionalWeakTable<RouteEndpoint, StrongBox<(ScopedKind Kind, string What)?>> Gated = new();

    private static (ScopedKind Kind, string What)? GatedKind(RouteEndpoint endpoint) =>
        Gated.GetValue(endpoint, e => new StrongBox<(ScopedKind Kind, string What)?>(ReadGatedKind(e))).Value;

    private static (ScopedKind Kind, string What)? ReadGatedKind(RouteEndpoint endpoint)
    {
        var segments = endpoint.RoutePattern.PathSegments;
        if (segments.Count < 3 || endpoint.RoutePattern.RawText is not { } raw || !raw.TrimStart('/').StartsWith("api/")) return null;
        var noun = endpoint.RoutePattern.RawText.TrimStart('/').Split('/')[1];
        return Kinds.TryGetValue(noun, out var kind) && endpoint.RoutePattern.Parameters.Any(p => p.Name == "id")
               && raw.TrimStart('/').Split('/')[2] == "{id}"
            ? kind
            : null;
    }

    public async Task InvokeAsync(HttpContext context, Visibility visibility)
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint && GatedKind(endpoint) is { } gated
            && Guid.TryParse(context.Request.RouteValues["id"]?.ToString(), out var id) && !await visibility.Sees(gated.Kind, id))
            throw new NotFound(gated.What, id);
        await next(context);
    }
}
