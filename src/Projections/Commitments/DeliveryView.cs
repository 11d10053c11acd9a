using JasperFx.Events;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Common;
using Marten;
using Marten.Events.Projections;

namespace LoiTracker.Projections.Commitments;

/// <summary>One delivery against a commitment's quantity. A document of its own, so recording one never rewrites the others.</summary>
public sealed class DeliveryView
{
    public Guid Id { get; set; }
    public Guid CommitmentId { get; set; }
    public string Period { get; set; } = "";
    public decimal Quantity { get; set; }
    public Evidence? Evidence { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

public partial class DeliveryViewProjection : EventProjection
{
    public DeliveryViewProjection() => IncludeType<DeliveryRecorded>();

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is DeliveryRecorded delivery)
        {
            operations.Insert(new DeliveryView
            {
                Id = delivery.DeliveryId, CommitmentId = e.StreamId, Period = delivery.Period, Quantity = delivery.Quantity,
                Evidence = delivery.Evidence, RecordedAt = e.Timestamp, RecordedBy = Provenance.ActorNameOf(e)
            });
        }
        return ValueTask.CompletedTask;
    }
}
