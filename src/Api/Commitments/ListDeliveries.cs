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
        // Counted from the totals the daemon keeps and what it has not folded yet, not from the stream's whole history.
        var total = (await CurrentFacts.For(session, [id], token)).DeliveriesOf(id).Count;
        var events = await DeliveryEvents.Of(session, [id]).OrderByDescending(e => e.Version).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(token);
        return new PageOf<DeliveryView>([.. events.Select(DeliveryEvents.ToView)], total, paging.Page, paging.PageSize);
    }
}
