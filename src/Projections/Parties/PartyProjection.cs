using LoiTracker.Domain.Common;
using JasperFx.Events;
using LoiTracker.Domain.Parties;
using LoiTracker.Projections.Common;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Parties;

/// <summary>The party aggregate its commands decide on, kept inline with every append.</summary>
public partial class PartyProjection : SingleStreamProjection<Party, Guid>
{
    public PartyProjection()
    {
        this.Folds(typeof(Party), PartyEvents.All);
    }

    public override Party? Evolve(Party? snapshot, Guid id, IEvent e)
    {
        var next = e.Data is PartyRegistered registered ? Party.From(registered) : snapshot?.When(e.Data);
        return next is null ? null : next with { Version = e.Version };
    }
}
