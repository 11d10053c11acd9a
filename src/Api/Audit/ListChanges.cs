using System.Security.Claims;
using LoiTracker.Projections.Audit;

namespace LoiTracker.Api.Audit;

public static class ListChangesEndpoint
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    /// <summary>
    /// What changed, for every reader ("what changed last week"): changes to agreements, commitments, parties and
    /// conditions committed since <c>since</c> (a week ago by default), oldest first, with who, why and a sentence;
    /// <c>party</c> and <c>workstream</c> narrow it. Privileged notes are never in it; a scoped user sees its records only.
    /// </summary>
    [WolverineGet("/api/changes"), Authorize(Policy = Can.Read)]
    [Access.Scoped("changes to the records the user sees (Visibility.RecordIds)")]
    public static async Task<AuditPage<HistoryEntry>> Get(DateTimeOffset? since, Guid? party, string? workstream, int? page, int? pageSize,
        IQuerySession session, TimeProvider clock, ClaimsPrincipal user, Access.Visibility visibility, Access.ReadLog reads, CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        var mark = await AuditCopy.Read(session, token);
        var query = new AuditQuery(From: since ?? clock.GetUtcNow() - DefaultWindow, Party: party,
            Workstream: string.IsNullOrWhiteSpace(workstream) ? null : workstream.Trim(), ChangesOnly: true, WithPrivileged: false,
            VisibleRecords: await visibility.RecordIds());
        var (items, total) = await AuditEntries.Page(session.DocumentStore, query, paging.Skip, paging.PageSize, newestFirst: false, token);
        return new AuditPage<HistoryEntry>(await HistoryReading.Entries(items, session, user, visibility, reads, token), total, paging.Page,
            paging.PageSize, mark.KnownUntil);
    }
}
