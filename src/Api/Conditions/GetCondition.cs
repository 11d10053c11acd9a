using LoiTracker.Api.Auth;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Conditions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Conditions;

public static class GetConditionEndpoint
{
    [WolverineGet("/api/conditions/{id}"), Authorize(Policy = Can.Read)]
    public static async Task<ConditionDetails> Get(Guid id, IQuerySession session, TimeProvider clock, Access.Visibility visibility,
        CancellationToken token)
    {
        var view = await session.LoadAsync<ConditionView>(id, token) ?? throw new NotFound("Condition", id);
        return (await ConditionDetails.Of(session, [view], clock.GetUtcNow(), visibility, token))[0];
    }
}
