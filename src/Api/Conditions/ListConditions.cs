using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Projections.Conditions;
using Marten.Pagination;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Conditions;

public static class ListConditionsEndpoint
{
    /// <summary>Conditions by title; <c>status</c>: Open, Satisfied or Failed.</summary>
    [WolverineGet("/api/conditions"), Authorize(Policy = Can.Read)]
    [Access.Scoped("the conditions the user sees (Visibility.Page)")]
    public static async Task<PageOf<ConditionDetails>> Get([OneOf(typeof(ConditionStatus))] string? status, int? page, int? pageSize, IQuerySession session, Access.Visibility visibility, TimeProvider clock,
        CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        var query = session.Query<ConditionView>().AsQueryable();
        if (status is not null)
        {
            if (!Enum.TryParse<ConditionStatus>(status, ignoreCase: true, out var s))
                throw new InvalidRequest(new Dictionary<string, string[]> { ["status"] = [$"Use one of: {string.Join(", ", Enum.GetNames<ConditionStatus>())}."] });
            query = query.Where(c => c.Status == s);
        }
        var results = await visibility.Page(() => query.OrderBy(c => c.Title).ThenBy(c => c.Id), paging, token);
        return new PageOf<ConditionDetails>(await ConditionDetails.Of(session, [.. results.Items], clock.GetUtcNow(), visibility, token), results.Total,
            paging.Page, paging.PageSize);
    }
}
