using System.ComponentModel;
using JasperFx.Events.Projections;
using LoiTracker.Domain.Conditions;
using LoiTracker.Projections.Conditions;
using Marten;

namespace LoiTracker.Api.Conditions;

[Description("Conditions precedent (a regulatory approval, a board approval, a definitive agreement) that commitments and milestones wait on, and their satisfaction or failure.")]
public static class Configuration
{
    public static void AddConditions(this StoreOptions options)
    {
        options.Projections.Add<ConditionProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<ConditionViewProjection>(ProjectionLifecycle.Inline);
        // Signing an agreement looks up the conditions it satisfies.
        options.Schema.For<Condition>().Index(x => x.SatisfiedWhenAgreementSigned);
        // Scoped users see a condition through its agreement (ADR 16).
        options.Schema.For<ConditionView>().Index(x => x.AgreementId);
    }
}
