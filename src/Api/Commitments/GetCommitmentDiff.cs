using System.Security.Claims;
using LoiTracker.Api.Audit;

namespace LoiTracker.Api.Commitments;

public static class GetCommitmentDiffEndpoint
{
    /// <summary>
    /// What changed on the commitment between two instants of record time: field by field, the changes in between with
    /// who and why, and its provision's text before and after any amendment of it (issue 11, ADR 18).
    /// </summary>
    [WolverineGet("/api/commitments/{id}/diff"), Authorize(Policy = Can.Read)]
    public static async Task<RecordDiff> Get(Guid id, DateTimeOffset? from, DateTimeOffset? to, IQuerySession session, ClaimsPrincipal user,
        Access.Visibility visibility, Access.ReadLog reads, CancellationToken token)
    {
        var (start, end) = await Diffs.Window(from, to, session, token);
        var current = await session.LoadAsync<Projections.Commitments.CommitmentView>(id, token) ?? throw new NotFound("Commitment", id);
        var before = await State(id, new PastRecords(session, start), session, user, visibility, reads, token);
        var after = await State(id, new PastRecords(session, end), session, user, visibility, reads, token);
        return await Diffs.Of(id, start, end, before, after, before?.Version, after?.Version, current.AgreementId, current.ProvisionRef, session, user,
            visibility, reads, token);
    }

    private static async Task<CommitmentDetails?> State(Guid id, PastRecords past, IQuerySession session, ClaimsPrincipal user,
        Access.Visibility visibility, Access.ReadLog reads, CancellationToken token)
    {
        try { return await CommitmentAsKnown.Read(id, past, session, user, visibility, reads, token); }
        catch (NotFound) { return null; }
    }
}
