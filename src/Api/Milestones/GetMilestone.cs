using LoiTracker.Api.Auth;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Reading;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Milestones;

public static class GetMilestoneEndpoint
{
    [WolverineGet("/api/milestones/{id}"), Authorize(Policy = Can.Read)]
    public static async Task<MilestoneRow> Get(Guid id, IQuerySession session, TimeProvider clock, CancellationToken token)
    {
        var milestone = await session.LoadAsync<MilestoneView>(id, token) ?? throw new NotFound("Milestone", id);
        var scheduled = await Schedules.Resolve(session, [milestone], clock.GetUtcNow(), token);
        return (await MilestoneRow.For(session, scheduled, token))[0];
    }
}
