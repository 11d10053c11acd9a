using System.Security.Claims;
using Marten;

namespace LoiTracker.Api.Access;

/// <summary>One read worth tracing if terms leak: an export, privileged notes, or a page of more than <see cref="ReadLog.BulkRows"/> rows.</summary>
public sealed class ReadRecord
{
    public Guid Id { get; set; }
    public string Subject { get; set; } = "";
    public string? Name { get; set; }
    public DateTimeOffset ReadAt { get; set; }
    /// <summary><c>export</c>, <c>privileged-notes</c> or <c>bulk</c>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The route as asked, with its filter: <c>GET /api/commitments/export.csv?party=…</c>.</summary>
    public string Request { get; set; } = "";
    public long Rows { get; set; }
}

/// <summary>
/// Records who read what in bulk (issue: who read what), before the answer is sent: a read that cannot be recorded is
/// not served (503), so no export leaves without a trace. Auditors read the records at <c>GET /api/audit/reads</c>.
/// </summary>
public sealed class ReadLog(IHttpContextAccessor http, IDocumentStore store, TimeProvider clock)
{
    /// <summary>A page with more rows than this is a bulk read.</summary>
    public const int BulkRows = 100;

    public const string Export = "export", PrivilegedNotes = "privileged-notes", Bulk = "bulk";

    /// <summary>Records a read that showed privileged notes, when it did: the notes are passed through.</summary>
    public async Task<IReadOnlyList<Projections.Common.NoteView>> Shown(IReadOnlyList<Projections.Common.NoteView> notes, CancellationToken token)
    {
        var privileged = notes.Count(n => n.Privileged);
        if (privileged > 0) await Record(PrivilegedNotes, privileged, token);
        return notes;
    }

    public async Task Record(string kind, long rows, CancellationToken token)
    {
        var context = http.HttpContext;
        var user = context?.User;
        await using var session = store.LightweightSession();
        session.Store(new ReadRecord
        {
            Id = Ids.New(), Subject = user?.FindFirstValue("sub") ?? "", Name = user?.FindFirstValue("name"), ReadAt = clock.GetUtcNow(),
            Kind = kind, Request = context is null ? "" : $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}", Rows = rows
        });
        await session.SaveChangesAsync(token);
    }
}
