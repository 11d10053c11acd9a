using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Reading;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

public static class ListDeliveriesEndpoint
{
    /// <summary>A commitment's deliveries, newest first.</summary>
    [WolverineGet("/api/commitments/{id}/deliveries"), Authorize(Policy = Can.Read)]
    public static async Task<PageOf<DeliveryView>> Get(Guid id, int? page, int? pageSize, IQuerySession session, CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        if (await session.LoadAsync<CommitmentView>(id, token) is null) throw new NotFound("Commitment", id);
        var total = await DeliveryEvents.Of(session, [id]).CountAsync(token);
        var events = await DeliveryEvents.Of(session, [id]).OrderByDescending(e => e.Version).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(token);
        return new PageOf<DeliveryView>([.. events.Select(DeliveryEvents.ToView)], total, paging.Page, paging.PageSize);
    }
}
