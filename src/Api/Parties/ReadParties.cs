using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Common;
using LoiTracker.Projections.Parties;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Parties;

public sealed record PartyDetails(Guid Id, long Version, string Name, string? Group, string? Country,
    IReadOnlyList<string> FormerNames, DateTimeOffset RegisteredAt, LastChange? LastChange)
{
    public static PartyDetails From(PartyView p) =>
        new(p.Id, p.Version, p.Name, p.Group, p.Country, p.FormerNames, p.RegisteredAt, p.LastChange);
}

public static class ReadPartiesEndpoint
{
    /// <summary>Parties by name; <c>q</c> finds a part of a name, <c>group</c> one group's members.</summary>
    [WolverineGet("/api/parties"), Authorize(Policy = Can.Read)]
    public static async Task<PageOf<PartyDetails>> List(string? q, string? group, int? page, int? pageSize, IQuerySession session,
        CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        var query = session.Query<PartyView>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(p => p.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(group)) query = query.Where(p => p.Group == group.Trim());
        var results = await query.OrderBy(p => p.Name).ToPagedListAsync(paging.Page, paging.PageSize, token);
        return new PageOf<PartyDetails>([.. results.Select(PartyDetails.From)], results.TotalItemCount, paging.Page, paging.PageSize);
    }

    [WolverineGet("/api/parties/{id}"), Authorize(Policy = Can.Read)]
    public static async Task<PartyDetails> Get(Guid id, IQuerySession session, CancellationToken token) =>
        PartyDetails.From(await session.LoadAsync<PartyView>(id, token) ?? throw new NotFound("Party", id));
}
