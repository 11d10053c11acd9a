namespace LoiTracker.Api.Access;

public static class ListReadsEndpoint
{
    /// <summary>
    /// Who read what in bulk, newest first: exports, privileged notes, pages of more than 100 rows, each with who, when,
    /// the request with its filter, and how many rows (ADR 16). <c>subject</c>, <c>kind</c>, <c>from</c>, <c>to</c> narrow it.
    /// </summary>
    [WolverineGet("/api/audit/reads"), Authorize(Policy = Can.Audit)]
    [Scoped("auditors and admins whose own access is not limited")]
    public static async Task<PageOf<ReadRecord>> Get(string? subject, [OneOf(typeof(ReadKinds))] string? kind, DateTimeOffset? from,
        DateTimeOffset? to, int? page, int? pageSize, IQuerySession session, Visibility visibility, CancellationToken token)
    {
        await UserScopes.MustBeUnlimited(visibility);
        var paging = Paging.From(page, pageSize);
        if (kind is not null && !ReadKinds.All.Contains(kind))
            throw new InvalidRequest(new Dictionary<string, string[]> { ["kind"] = [$"Use one of: {string.Join(", ", ReadKinds.All)}."] });
        var query = session.Query<ReadRecord>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(subject)) query = query.Where(r => r.Subject == subject);
        if (!string.IsNullOrWhiteSpace(kind)) query = query.Where(r => r.Kind == kind);
        if (from is { } start) query = query.Where(r => r.ReadAt >= start);
        if (to is { } end) query = query.Where(r => r.ReadAt < end);
        var results = await Pages.PageAsync(() => query.OrderByDescending(r => r.ReadAt).ThenByDescending(r => r.Id), paging, token);
        return new PageOf<ReadRecord>(results.Items, results.Total, paging.Page, paging.PageSize);
    }
}

/// <summary>The kinds of read recorded.</summary>
public static class ReadKinds
{
    public static readonly string[] All = [ReadLog.Export, ReadLog.PrivilegedNotes, ReadLog.Bulk];
}
