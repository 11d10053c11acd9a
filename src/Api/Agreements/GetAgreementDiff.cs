using System.Security.Claims;
using LoiTracker.Api.Audit;

namespace LoiTracker.Api.Agreements;

public static class GetAgreementDiffEndpoint
{
    /// <summary>
    /// What changed on the agreement between two instants of record time: field by field, the changes in between with
    /// who and why, and every provision an amendment changed, with its text before and after (issue 11, ADR 18).
    /// </summary>
    [WolverineGet("/api/agreements/{id}/diff"), Authorize(Policy = Can.Read)]
    public static async Task<RecordDiff> Get(Guid id, DateTimeOffset? from, DateTimeOffset? to, IQuerySession session, ClaimsPrincipal user,
        Access.Visibility visibility, Access.ReadLog reads, CancellationToken token)
    {
        var (start, end) = await Diffs.Window(from, to, session, token);
        _ = await session.LoadAsync<Projections.Agreements.AgreementView>(id, token) ?? throw new NotFound("Agreement", id);
        var before = await State(id, new PastRecords(session, start), session, user, visibility, reads, token);
        var after = await State(id, new PastRecords(session, end), session, user, visibility, reads, token);
        return await Diffs.Of(id, start, end, before, after, before?.Version, after?.Version, id, null, session, user, visibility, reads, token);
    }

    private static async Task<AgreementDetails?> State(Guid id, PastRecords past, IQuerySession session, ClaimsPrincipal user,
        Access.Visibility visibility, Access.ReadLog reads, CancellationToken token)
    {
        try { return await AgreementAsKnown.Read(id, past, session, user, visibility, reads, token); }
        catch (NotFound) { return null; }
    }
}
