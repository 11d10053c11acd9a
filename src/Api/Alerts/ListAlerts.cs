using System.Security.Claims;
using LoiTracker.Projections.Alerts;

namespace LoiTracker.Api.Alerts;

public static class ListAlertsEndpoint
{
    /// <summary>
    /// The inbox: alerts newest first, by <c>state</c> (open, acknowledged, resolved; any by default), <c>party</c>,
    /// <c>assignee</c>, or <c>mine=true</c> (assigned to the caller by name or subject). Only what the user sees (ADR 16).
    /// </summary>
    [WolverineGet("/api/alerts"), Authorize(Policy = Can.Read)]
    [Access.Scoped("the alerts on commitments and agreements the user sees (Visibility.Page)")]
    public static async Task<PageOf<AlertView>> Get([OneOf(typeof(AlertStates))] string? state, Guid? party, string? assignee, bool? mine,
        int? page, int? pageSize, IQuerySession session, ClaimsPrincipal user, Access.Visibility visibility, CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        if (state is not null && !AlertStates.All.Contains(state))
            throw new InvalidRequest(new Dictionary<string, string[]> { ["state"] = [$"Use one of: {string.Join(", ", AlertStates.All)}."] });
        var names = new[] { user.FindFirstValue("name"), user.FindFirstValue("sub") }.OfType<string>().ToArray();
        var results = await visibility.Page(() =>
        {
            var query = session.Query<AlertView>().AsQueryable();
            if (state is not null) query = query.Where(a => a.State == state);
            if (party is { } p) query = query.Where(a => a.Parties.Contains(p));
            if (!string.IsNullOrWhiteSpace(assignee)) query = query.Where(a => a.Assignee == assignee.Trim());
            if (mine == true) query = query.Where(a => a.Assignee.IsOneOf(names));
            return query.OrderByDescending(a => a.RaisedAt).ThenBy(a => a.Id);
        }, paging, token);
        return new PageOf<AlertView>(results.Items, results.Total, paging.Page, paging.PageSize);
    }
}

