using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Projections.Parties;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Parties;

public static class ListPartiesEndpoint
{
    /// <summary>Parties by name; <c>q</c> finds a part of a name, <c>group</c> one group's members.</summary>
    [WolverineGet("/api/parties"), Authorize(Policy = Can.Read)]
    [Access.Scoped("the parties the user sees (Visibility.Page)")]
    public static async Task<PageOf<PartyDetails>> Get(string? q, string? group, int? page, int? pageSize, IQuerySession session, Access.Visibility visibility,
        CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        var query = session.Query<PartyView>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(p => p.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(group)) query = query.Where(p => p.Group == group.Trim());
        var results = await visibility.Page(() => query.OrderBy(p => p.Name).ThenBy(p => p.Id), paging, token);
        return new PageOf<PartyDetails>([.. results.Items.Select(PartyDetails.From)], results.Total, paging.Page, paging.PageSize);
    }
}
