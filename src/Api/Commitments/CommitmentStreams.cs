using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using JasperFx.Events;

namespace LoiTracker.Api.Commitments;

public static class CommitmentStreams
{
    /// <summary>
    /// The commitment a command decides on, at the version of its stream. Deliveries do not rewrite the aggregate
    /// document (docs/adr/0010-the-delivery-command-path.md), so the document's own version may lag: the stream's is the truth.
    /// </summary>
    public static Commitment Decide(this IEventStream<Commitment> stream, long? expectedVersion)
    {
        var commitment = stream.Aggregate ?? throw new NotFound("Commitment", stream.Id);
        var version = stream.StartingVersion ?? 0;
        Versioning.Expect(expectedVersion, version, "Commitment", stream.Id);
        return commitment with { Version = version };
    }
}
