using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Milestones;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Common;
using LoiTracker.Projections.Reading;

namespace LoiTracker.Api.Commitments;

public sealed record NextMilestone(Guid Id, string Title, DateOnly? DueOn, MilestoneState State, bool Illustrative);

public sealed record RiskNode(string Kind, Guid Id, string Title);

/// <summary>Why a commitment is at its level: the rule (<c>cause</c>), one sentence, and the chain of nodes that leads there.</summary>
public sealed record RiskReason(string Cause, string Summary, IReadOnlyList<RiskNode> Chain);

/// <summary>
/// The register's risk column: its level (<c>watch</c>, <c>at-risk</c>, <c>critical</c>; null when none) and the
/// reasons, as the daemon worked them out at <c>asOf</c> (ADR 17).
/// </summary>
public sealed record RiskSummary(string? Level, IReadOnlyList<RiskReason> Reasons, DateTimeOffset? AsOf = null)
{
    public static readonly RiskSummary None = new(null, []);
}

/// <summary>A row of the obligations register.</summary>
public sealed record RegisterRow(
    Guid Id, long Version, string Title, AgreementRef Agreement, IReadOnlyList<PartyRef> Obligors, IReadOnlyList<PartyRef> Beneficiaries,
    string Workstream, bool Binding, CommitmentStatus Status, string? Owner, NextMilestone? NextMilestone, int OverdueCount,
    QuantityProgress? Quantity, Money? Value, RiskSummary Risk, LastChange? LastChange);

public sealed record ConditionRef(Guid Id, string Title, ConditionKind Kind, ConditionStatus Status, DateOnly? ExpectedBy, DateOnly? SettledOn);

public sealed record DependencyRef(Guid Id, string DependsOnKind, Guid DependsOnId, string DependsOnTitle, Guid DependsOnCommitmentId,
    string? Note, bool Illustrative)
{
    /// <summary>A dependency on something the user does not see: that it exists, and nothing of what it is.</summary>
    public static DependencyRef OutsideScope(Guid id, bool illustrative) =>
        new(id, "outside-scope", Guid.Empty, "Outside your scope", Guid.Empty, null, illustrative);
}

public sealed record CommitmentLinkRef(Guid AgreementId, Guid CommitmentId);

/// <summary>A commitment with everything its page shows.</summary>
public sealed record CommitmentDetails(
    Guid Id, long Version, string Title, string Terms, string? ProvisionRef, AgreementRef Agreement, IReadOnlyList<PartyRef> Obligors,
    IReadOnlyList<PartyRef> Beneficiaries, string Workstream, bool Binding, CommitmentStatus Status, string? Owner,
    QuantityProgress? Quantity, IReadOnlyDictionary<string, decimal> DeliveredByPeriod, int DeliveryCount, Money? Value,
    IReadOnlyList<ConditionRef> Conditions, IReadOnlyList<ScheduledMilestone> Milestones, IReadOnlyList<DeliveryView> RecentDeliveries,
    IReadOnlyList<DependencyRef> Dependencies, BreachView? Breach, StatusChange? Closed, CommitmentLinkRef? CarriedForwardTo,
    CommitmentLinkRef? CarriedOverFrom, IReadOnlyList<NoteView> Notes, RiskSummary Risk, DateTimeOffset MadeAt, string? MadeBy,
    LastChange? LastChange, bool BeneficiariesIllustrative = false) : IStreamResource;
