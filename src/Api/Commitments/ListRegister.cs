using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Commitments;
using Marten.Pagination;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

public static class ListRegisterEndpoint
{
    /// <summary>The obligations register: every commitment with its parties, status, next milestone, deliveries and last change.</summary>
    [WolverineGet("/api/commitments"), Authorize(Policy = Can.Read)]
    [Access.Scoped("the commitments the user sees (Visibility.Page)")]
    public static async Task<PageOf<RegisterRow>> Get(Guid? party, Guid? obligor, Guid? beneficiary, string? workstream,
        [OneOf(typeof(CommitmentStatus))] string? status,
        bool? binding, Guid? agreement, bool? atRisk, string? q, int? page, int? pageSize, IQuerySession session, Access.Visibility visibility, TimeProvider clock,
        CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        var filter = await new RegisterFilter(party, obligor, beneficiary, workstream, status, binding, agreement, atRisk, q).WithRisk(session, token);
        var results = await visibility.Page(() => filter.Apply(session.Query<CommitmentView>()), paging, token);
        return new PageOf<RegisterRow>(await RegisterRows.For(session, [.. results.Items], clock.GetUtcNow(), visibility, token), results.Total,
            paging.Page, paging.PageSize);
    }
}
