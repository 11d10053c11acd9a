using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Milestones;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Reading;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Milestones;

public static class ListMilestonesEndpoint
{
    /// <summary>
    /// Milestones by due date (undated last). <c>party</c>: the owner party or any party to the commitment;
    /// <c>from</c>/<c>to</c>: the resolved due date; <c>state</c>: planned, due-soon, overdue, pending, completed, closed.
    /// </summary>
    [WolverineGet("/api/milestones"), Authorize(Policy = Can.Read)]
    public static async Task<PageOf<MilestoneRow>> Get(Guid? party, string? assignee, DateOnly? from, DateOnly? to,
        [OneOf(typeof(MilestoneState))] string? state,
        int? page, int? pageSize, IQuerySession session, TimeProvider clock, CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        MilestoneState? wanted = null;
        if (state is not null)
        {
            if (!MilestoneStateNames.TryParse(state, out var parsed))
                throw new InvalidRequest(new Dictionary<string, string[]> { ["state"] = [$"Use one of: {string.Join(", ", MilestoneStateNames.All)}."] });
            wanted = parsed;
        }

        var query = session.Query<MilestoneView>().AsQueryable();
        if (party is { } partyId)
        {
            var involved = await session.Query<CommitmentView>().Where(c => c.Parties.Contains(partyId)).Select(c => c.Id).ToListAsync(token);
            var ids = involved.ToArray();
            query = query.Where(m => m.OwnerPartyId == partyId || m.CommitmentId.IsOneOf(ids));
        }
        if (!string.IsNullOrWhiteSpace(assignee)) query = query.Where(m => m.Assignee == assignee.Trim());

        var scheduled = await Schedules.Resolve(session, await query.ToListAsync(token), clock.GetUtcNow(), token);
        var matching = scheduled
            .Where(m => wanted is null || m.State == wanted)
            .Where(m => from is null || m.DueOn >= from)
            .Where(m => to is null || m.DueOn <= to)
            .OrderBy(m => m.DueOn ?? DateOnly.MaxValue).ThenBy(m => m.Title)
            .ToList();
        var pageItems = matching.Skip(paging.Skip).Take(paging.PageSize).ToList();
        return new PageOf<MilestoneRow>(await MilestoneRow.For(session, pageItems, token), matching.Count, paging.Page, paging.PageSize);
    }
}
