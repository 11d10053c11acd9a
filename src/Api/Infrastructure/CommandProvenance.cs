using System.Security.Claims;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Common;
using Marten;

namespace LoiTracker.Api.Infrastructure;

/// <summary>A command on a stream that exists: it may say which version of the stream it was decided on (api.md).</summary>
public interface IExpectVersion
{
    long? ExpectedVersion { get; }
}

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
public static class CommandProvenance
{
    public static void Record(IDocumentSession session, HttpContext context, object command)
    {
        var user = context.User;
        if (user.FindFirstValue("sub") is { } subject)
        {
            session.LastModifiedBy = subject;
            session.SetHeader(Provenance.ActorSubject, subject);
            session.SetHeader(Provenance.ActorName, user.FindFirstValue("name") ?? subject);
        }
        var reason = command is IHaveReason { Reason: { Length: > 0 } given } ? given : context.Request.Query["reason"].ToString();
        if (!string.IsNullOrWhiteSpace(reason)) session.SetHeader(Provenance.Reason, reason.Trim());
        if (command is IHaveSource { Source: { Kind: not null, Reference: not null } source })
            session.SetHeader(Provenance.Source, source.ToSource());
    }
}
