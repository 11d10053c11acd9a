using LoiTracker.Domain.Common;
using JasperFx.Events;
using LoiTracker.Domain.Parties;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Parties;

/// <summary>The party aggregate its commands decide on, kept inline with every append.</summary>
public partial class PartyProjection : SingleStreamProjection<Party, Guid>
{
    // Only this stream's events: without the list every inline projection would look at every stream's events.
    public PartyProjection()
    {
        FilterIncomingEventsOnStreamType(typeof(Party));
        IncludeType<PartyRegistered>();
        IncludeType<PartyRenamed>();
        IncludeType<PartyJoinedGroup>();
        IncludeType<PartyLeftGroup>();
    }

    public override Party? Evolve(Party? snapshot, Guid id, IEvent e)
    {
        var next = e.Data is PartyRegistered registered ? Party.From(registered) : snapshot?.When(e.Data);
        return next is null ? null : next with { Version = e.Version };
    }
}
