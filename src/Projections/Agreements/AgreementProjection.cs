using JasperFx.Events;
using LoiTracker.Domain.Agreements;
using LoiTracker.Projections.Common;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Agreements;

/// <summary>The agreement aggregate its commands decide on, kept inline with every append.</summary>
public partial class AgreementProjection : SingleStreamProjection<Agreement, Guid>
{
    public AgreementProjection()
    {
        this.Folds(typeof(Agreement), AgreementEvents.All);
    }

    public override Agreement? Evolve(Agreement? snapshot, Guid id, IEvent e)
    {
        var next = e.Data is AgreementDrafted drafted ? Agreement.From(drafted) : snapshot?.When(e.Data);
        return next is null ? null : next with { Version = e.Version };
    }
}
