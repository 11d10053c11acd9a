using JasperFx.Events;
using LoiTracker.Domain.Agreements;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Agreements;

/// <summary>The agreement aggregate its commands decide on, kept inline with every append.</summary>
public partial class AgreementProjection : SingleStreamProjection<Agreement, Guid>
{
    // Only this stream's events: without the list every inline projection would look at every stream's events.
    public AgreementProjection()
    {
        FilterIncomingEventsOnStreamType(typeof(Agreement));
        IncludeType<AgreementDrafted>();
        IncludeType<PartyJoinedAgreement>();
        IncludeType<ProvisionRecorded>();
        IncludeType<KeyDateSet>();
        IncludeType<AgreementSignedByParty>();
        IncludeType<AgreementSigned>();
        IncludeType<AgreementAmended>();
        IncludeType<AgreementSuperseded>();
        IncludeType<AgreementTerminated>();
        IncludeType<AgreementAbandoned>();
    }

    public override Agreement? Evolve(Agreement? snapshot, Guid id, IEvent e)
    {
        var next = e.Data is AgreementDrafted drafted ? Agreement.From(drafted) : snapshot?.When(e.Data);
        return next is null ? null : next with { Version = e.Version };
    }
}
