using JasperFx.Events;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Common;
using Marten;
using Marten.Events;

namespace LoiTracker.Api.Commitments;

/// <summary>One delivery against a commitment, as read.</summary>
public sealed record DeliveryView(Guid Id, Guid CommitmentId, string Period, decimal Quantity, Evidence? Evidence, DateTimeOffset RecordedAt,
    string? RecordedBy);

/// <summary>
/// Deliveries are read from the commitment streams themselves: no document is written when one is recorded
/// (docs/adr/0010-the-delivery-command-path.md). The reads go by stream id, which Marten's events table indexes.
/// </summary>
public static class DeliveryEvents
{
    public static IQueryable<IEvent> Of(IQuerySession session, Guid[] commitmentIds) =>
        session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(commitmentIds) && e.EventTypesAre(typeof(DeliveryRecorded)));

    public static DeliveryView ToView(IEvent e)
    {
        var delivery = (DeliveryRecorded)e.Data;
        return new DeliveryView(delivery.DeliveryId, e.StreamId, delivery.Period, delivery.Quantity, delivery.Evidence, e.Timestamp,
            Provenance.ActorNameOf(e));
    }
}
