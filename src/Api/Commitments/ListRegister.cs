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
    /// <summary>
    /// The obligations register: every commitment with its parties, status, next milestone, deliveries and last change.
    /// With <c>asOf</c>, as known at that instant (states judged then, or on <c>on</c>); risk is not kept for the past.
    /// </summary>
    [WolverineGet("/api/commitments"), Authorize(Policy = Can.Read)]
    [Access.Scoped("the commitments the user sees (Visibility.Page)")]
    public static async Task<PageOf<RegisterRow>> Get(Guid? party, Guid? obligor, Guid? beneficiary, string? workstream,
        [OneOf(typeof(CommitmentStatuses))] string? status,
        bool? binding, Guid? agreement, bool? atRisk, string? q, DateTimeOffset? asOf, DateOnly? on, int? page, int? pageSize, IQuerySession session,
        Access.Visibility visibility, TimeProvider clock, CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        if (asOf is { } instant)
        {
            // As known then (ADR 18): replayed, filtered and paged in memory; only the page's rows are joined.
            var past = new Audit.PastRecords(session, await Audit.PastInstant.Of(instant, on, session, token));
            var matches = await RegisterAsKnown.Matching(new RegisterFilter(party, obligor, beneficiary, workstream, status, binding, agreement, atRisk, q),
                past, visibility, token);
            var pageViews = matches.Views.Skip(paging.Skip).Take(paging.PageSize).ToList();
            return new PageOf<RegisterRow>(await RegisterAsKnown.Rows(session, pageViews, matches, past, token), matches.Views.Count, paging.Page,
                paging.PageSize);
        }
        var filter = await new RegisterFilter(party, obligor, beneficiary, workstream, status, binding, agreement, atRisk, q).WithRisk(session, token);
        var results = await visibility.Page(() => filter.Apply(session.Query<CommitmentView>()), paging, token);
        var now = Audit.PastInstant.JudgedOn(on) ?? clock.GetUtcNow();
        return new PageOf<RegisterRow>(await RegisterRows.For(session, [.. results.Items], now, visibility, token), results.Total,
            paging.Page, paging.PageSize);
    }
}
