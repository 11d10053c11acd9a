using LoiTracker.Domain.Common;

namespace LoiTracker.Domain.Commitments;

public sealed record CommitmentMade(
    Guid CommitmentId,
    Guid AgreementId,
    IReadOnlyList<Guid> Obligors,
    IReadOnlyList<Guid> Beneficiaries,
    string Workstream,
    string Title,
    string Terms,
    string? ProvisionRef,
    bool Binding,
    Quantity? Quantity,
    Money? Value,
    string? Owner,
    bool BeneficiariesIllustrative = false);

public sealed record ConditionLinked(Guid ConditionId);

/// <summary>The commitment is firm: its agreement is in force and every condition it waited on is satisfied.</summary>
public sealed record CommitmentActivated(string Because);

public sealed record CommitmentOwnerAssigned(string Owner, string? PreviousOwner);

public sealed record MilestonePlanned(
    Guid MilestoneId,
    string Title,
    DateOnly? DueOn,
    RelativeDue? Due,
    Guid OwnerPartyId,
    string? Assignee,
    IReadOnlyList<Guid> ConditionIds,
    bool Illustrative);

public sealed record MilestoneRescheduled(Guid MilestoneId, DateOnly DueOn, DateOnly? PreviousDueOn, string Reason);

public sealed record MilestoneCompleted(Guid MilestoneId, DateOnly CompletedOn, Evidence? Evidence);

public sealed record MilestoneAssigned(Guid MilestoneId, string? Assignee, string? PreviousAssignee);

public sealed record DeliveryRecorded(Guid DeliveryId, string Period, decimal Quantity, Evidence? Evidence);

public sealed record DependencyDeclared(Guid DependencyId, Guid? DependsOnCommitmentId, Guid? DependsOnMilestoneId, string? Note,
    bool Illustrative);

public sealed record DependencyRemoved(Guid DependencyId, string Reason);

public sealed record CommitmentFulfilled(DateOnly On, Evidence? Evidence);

public sealed record BreachNoticed(DateOnly CureBy, string Reason, Evidence? Evidence);

public sealed record BreachCured(string? Reason, Evidence? Evidence);

public sealed record CommitmentBreached(string? Reason, Evidence? Evidence);

/// <summary>The non-binding counterpart of a breach: it did not happen, and nobody admits to a breach.</summary>
public sealed record CommitmentNotPerformed(string? Reason, Evidence? Evidence);

public sealed record CommitmentWaived(Guid ByPartyId, string Reason, Evidence? Evidence);

public sealed record CommitmentWithdrawn(string Reason, Evidence? Evidence);

/// <summary>On the commitment of the superseded agreement: where it lives on.</summary>
public sealed record CommitmentCarriedForward(Guid ToAgreementId, Guid ToCommitmentId, string? Reason);

/// <summary>On the commitment of the superseding agreement: what it carries over.</summary>
public sealed record CommitmentCarriedOver(Guid FromAgreementId, Guid FromCommitmentId);

/// <summary>Every event type a stream of a commitment holds: what its projections fold.</summary>
public static class CommitmentEvents
{
    public static readonly Type[] All =
    [
        typeof(CommitmentMade),
        typeof(ConditionLinked),
        typeof(CommitmentActivated),
        typeof(CommitmentOwnerAssigned),
        typeof(MilestonePlanned),
        typeof(MilestoneRescheduled),
        typeof(MilestoneCompleted),
        typeof(MilestoneAssigned),
        typeof(DeliveryRecorded),
        typeof(DependencyDeclared),
        typeof(DependencyRemoved),
        typeof(NoteAdded),
        typeof(CommitmentFulfilled),
        typeof(BreachNoticed),
        typeof(BreachCured),
        typeof(CommitmentBreached),
        typeof(CommitmentNotPerformed),
        typeof(CommitmentWaived),
        typeof(CommitmentWithdrawn),
        typeof(CommitmentCarriedForward),
        typeof(CommitmentCarriedOver)
    ];
}
