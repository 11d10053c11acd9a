using System.Security.Claims;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Common;
using Marten;
using Wolverine.Http;

namespace LoiTracker.Api.Infrastructure;

/// <summary>A command that says why it is given (required for some: api.md).</summary>
public interface IHaveReason
{
    string? Reason { get; }
}

/// <summary>A command that says where its facts come from.</summary>
public interface IHaveSource
{
    SourceInput? Source { get; }
}

/// <summary>A source as a client sends it: <c>{ kind, reference, url? }</c>.</summary>
public sealed record SourceInput(SourceKind? Kind, string? Reference, string? Url)
{
    public Source ToSource() => new(Kind!.Value, Reference!.Trim(), string.IsNullOrWhiteSpace(Url) ? null : Url.Trim());
}

/// <summary>
/// Puts who, why and from what source on every event a command writes (domain.md: metadata per event).
/// The actor comes from the token only, never from the body.
/// </summary>
public sealed class CommandProvenancePolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.HttpMethods.Any(m => m is "POST" or "DELETE" or "PUT" or "PATCH")))
        {
            var method = chain.HasRequestType
                ? typeof(CommandProvenance).GetMethod(nameof(CommandProvenance.Record))!.MakeGenericMethod(chain.RequestType!)
                : typeof(CommandProvenance).GetMethod(nameof(CommandProvenance.RecordActor))!;
            chain.Middleware.Add(new MethodCall(typeof(CommandProvenance), method) { CommentText = "Who, why and from what source" });
        }
    }
}

public static class CommandProvenance
{
    public static void Record<T>(HttpContext context, IDocumentSession session, T request)
    {
        RecordActor(context, session);
        if (request is IHaveReason { Reason: { Length: > 0 } reason }) session.SetHeader(Provenance.Reason, reason.Trim());
        if (request is IHaveSource { Source: { Kind: not null, Reference: not null } source })
            session.SetHeader(Provenance.Source, source.ToSource());
    }

    public static void RecordActor(HttpContext context, IDocumentSession session)
    {
        var user = context.User;
        var subject = user.FindFirstValue("sub");
        if (subject is null) return;
        session.LastModifiedBy = subject;
        session.SetHeader(Provenance.ActorSubject, subject);
        session.SetHeader(Provenance.ActorName, user.FindFirstValue("name") ?? subject);
        if (context.Request.Query["reason"] is { Count: > 0 } reason && !string.IsNullOrWhiteSpace(reason))
            session.SetHeader(Provenance.Reason, reason.ToString().Trim());
    }
}

