using System.Security.Claims;
using LoiTracker.Api.Audit;

namespace LoiTracker.Api.Agreements;

public static class GetAgreementHistoryEndpoint
{
    /// <summary>
    /// Every change to the agreement, oldest first: who, when it was committed, why, from what source, and a sentence a
    /// lawyer can read (issue 11). Privileged notes: their text for legal and admin, that one was added for auditors.
    /// </summary>
    [WolverineGet("/api/agreements/{id}/history"), Authorize(Policy = Can.Read)]
    public static async Task<AuditPage<HistoryEntry>> Get(Guid id, int? page, int? pageSize, IQuerySession session, ClaimsPrincipal user,
        Access.Visibility visibility, Access.ReadLog reads, CancellationToken token)
    {
        _ = await session.LoadAsync<Projections.Agreements.AgreementView>(id, token) ?? throw new NotFound("Agreement", id);
        return await HistoryReading.Of(id, page, pageSize, session, user, visibility, reads, token);
    }
}
