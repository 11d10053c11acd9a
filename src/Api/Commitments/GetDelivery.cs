using LoiTracker.Domain.Commitments;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Reading;

namespace LoiTracker.Api.Commitments;

public static class GetDeliveryEndpoint
{
    /// <summary>One delivery: where a recorded delivery's <c>Location</c> points. Found in its commitment's stream, by id.</summary>
    [WolverineGet("/api/commitments/{id}/deliveries/{deliveryId}"), Authorize(Policy = Can.Read)]
    public static async Task<DeliveryView> Get(Guid id, Guid deliveryId, IQuerySession session, CancellationToken token)
    {
        if (await session.LoadAsync<CommitmentView>(id, token) is null) throw new NotFound("Commitment", id);
        // The commitment's delivery events by its stream id (indexed); the delivery's id is inside the event's data.
        var sequence = (await session.QueryAsync<long>(
            $"select seq_id from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events " +
            "where stream_id = ? and type = 'delivery_recorded' and data ->> 'deliveryId' = ? limit 1",
            token, id, deliveryId.ToString())).FirstOrDefault();
        var found = sequence == 0
            ? null
            : await session.Events.QueryAllRawEvents().Where(e => e.Sequence == sequence).FirstOrDefaultAsync(token);
        return found is { Data: DeliveryRecorded } ? DeliveryEvents.ToView(found) : throw new NotFound("Delivery", deliveryId);
    }
}
