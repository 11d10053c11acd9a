using System.Security.Claims;
using LoiTracker.Projections.Audit;

namespace LoiTracker.Api.Audit;

public static class ListAuditEndpoint
{
    /// <summary>
    /// The audit log, for auditors and admins: every recorded change in commit order, narrowed by <c>actor</c> (the
    /// token subject), <c>from</c>/<c>to</c> (commit time, inclusive), <c>stream</c> and <c>eventType</c>. Privileged notes
    /// appear (who, when); their text only for admins. <c>knownUntil</c>: every change committed by then is in it.
    /// </summary>
    [WolverineGet("/api/audit"), Authorize(Policy = Can.Audit)]
    [Access.Scoped("auditors and admins whose own access is not limited")]
    public static async Task<AuditPage<HistoryEntry>> Get(string? actor, DateTimeOffset? from, DateTimeOffset? to, Guid? stream, string? eventType,
        int? page, int? pageSize, IQuerySession session, ClaimsPrincipal user, Access.Visibility visibility, Access.ReadLog reads,
        CancellationToken token)
    {
        await Access.UserScopes.MustBeUnlimited(visibility);
        var paging = Paging.From(page, pageSize);
        var query = AuditFilter.Of(actor, from, to, stream, eventType);
        var mark = await AuditCopy.Read(session, token);
        var (items, total) = await AuditEntries.Page(session.DocumentStore, query, paging.Skip, paging.PageSize, newestFirst: false, token);
        return new AuditPage<HistoryEntry>(await HistoryReading.Entries(items, session, user, visibility, reads, token), total, paging.Page,
            paging.PageSize, mark.KnownUntil);
    }
}

/// <summary>The audit log's filters, shared by the list and the export; a window that ends before it starts is refused.</summary>
public static class AuditFilter
{
    public static AuditQuery Of(string? actor, DateTimeOffset? from, DateTimeOffset? to, Guid? stream, string? eventType)
    {
        if (from is { } f && to is { } t && t < f)
            throw new InvalidRequest(new Dictionary<string, string[]> { ["to"] = ["The window ends before it starts: 'to' must not be before 'from'."] });
        return new AuditQuery(Actor: string.IsNullOrWhiteSpace(actor) ? null : actor.Trim(), From: from, To: to, Stream: stream,
            EventType: string.IsNullOrWhiteSpace(eventType) ? null : eventType.Trim());
    }
}
