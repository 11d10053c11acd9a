using System.ComponentModel;
using JasperFx.Events.Projections;
using LoiTracker.Projections.Agreements;
using Marten;

namespace LoiTracker.Api.Agreements;

[Description("Letters of intent, term sheets and the agreements that follow them: drafting, provisions, key dates, signing in counterparts, amendments, supersession, termination and notes.")]
public static class Configuration
{
    public static void AddAgreements(this StoreOptions options)
    {
        // Inline: a legal team reads the agreement right after changing it.
        options.Projections.Add<AgreementProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<AgreementViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<AgreementView>()
            .Index(x => x.ParentAgreementId)
            .Index(x => x.DraftedAt)
            .GinIndexJsonData();
    }
}
