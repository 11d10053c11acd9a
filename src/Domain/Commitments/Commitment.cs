using System.Collections.Immutable;

namespace LoiTracker.Domain.Commitments;

public sealed record PlannedMilestone(
    Guid Id,
    string Title,
    DateOnly? DueOn,
    RelativeDue? Due,
    Guid OwnerPartyId,
    string? Assignee,
    ImmutableList<Guid> ConditionIds,
    DateOnly? CompletedOn)
{
    public bool IsCompleted => CompletedOn is not null;
}

public sealed record Dependency(Guid Id, Guid? DependsOnCommitmentId, Guid? DependsOnMilestoneId);

/// <summary>
/// A promise by one or more obligors (jointly) to one or more beneficiaries, under an agreement, in one workstream:
/// the state its commands decide on. Deliveries are not kept here; they never change what may be decided next.
/// </summary>
public sealed partial record Commitment
{
    public Guid Id { get; init; }
    public long Version { get; init; }
    public Guid AgreementId { get; init; }
    public string Title { get; init; } = "";
    public string Workstream { get; init; } = "";
    public string Terms { get; init; } = "";
    public ImmutableList<Guid> Obligors { get; init; } = [];
    public ImmutableList<Guid> Beneficiaries { get; init; } = [];
    public bool Binding { get; init; }
    public Quantity? Quantity { get; init; }
    public Money? Value { get; init; }
    public string? Owner { get; init; }
    public CommitmentStatus Status { get; init; }
    public ImmutableList<Guid> ConditionIds { get; init; } = [];
    public ImmutableList<PlannedMilestone> Milestones { get; init; } = [];
    public ImmutableList<Dependency> Dependencies { get; init; } = [];
    public DateOnly? CureBy { get; init; }
    public Guid? CarriedForwardTo { get; init; }
    public Guid? CarriedOverFrom { get; init; }

    /// <summary>Still running: proposed, active or under a breach notice.</summary>
    public bool IsOpen => CommitmentStatuses.IsOpen(Status);

    public bool Involves(Guid partyId) => Obligors.Contains(partyId) || Beneficiaries.Contains(partyId);

    public PlannedMilestone? FindMilestone(Guid id) => Milestones.FirstOrDefault(m => m.Id == id);

    public static Commitment From(CommitmentMade e) => new()
    {
        Id = e.CommitmentId,
        AgreementId = e.AgreementId,
        Title = e.Title,
        Workstream = e.Workstream,
        Terms = e.Terms,
        Obligors = [.. e.Obligors],
        Beneficiaries = [.. e.Beneficiaries],
        Binding = e.Binding,
        Quantity = e.Quantity,
        Value = e.Value,
        Owner = e.Owner,
        Status = CommitmentStatus.Proposed
    };

    public Commitment When(object e) => e switch
    {
        ConditionLinked linked => this with { ConditionIds = ConditionIds.Add(linked.ConditionId) },
        CommitmentActivated => this with { Status = CommitmentStatus.Active },
        CommitmentOwnerAssigned assigned => this with { Owner = assigned.Owner },
        MilestonePlanned planned => this with
        {
            Milestones = Milestones.Add(new PlannedMilestone(planned.MilestoneId, planned.Title, planned.DueOn, planned.Due,
                planned.OwnerPartyId, planned.Assignee, [.. planned.ConditionIds], null))
        },
        MilestoneRescheduled moved => WithMilestone(moved.MilestoneId, m => m with { DueOn = moved.DueOn, Due = null }),
        MilestoneCompleted done => WithMilestone(done.MilestoneId, m => m with { CompletedOn = done.CompletedOn }),
        MilestoneAssigned assigned => WithMilestone(assigned.MilestoneId, m => m with { Assignee = assigned.Assignee }),
        DependencyDeclared declared => this with
        {
            Dependencies = Dependencies.Add(new Dependency(declared.DependencyId, declared.DependsOnCommitmentId, declared.DependsOnMilestoneId))
        },
        DependencyRemoved removed => this with { Dependencies = Dependencies.RemoveAll(d => d.Id == removed.DependencyId) },
        CommitmentFulfilled => this with { Status = CommitmentStatus.Fulfilled },
        BreachNoticed noticed => this with { Status = CommitmentStatus.BreachNoticed, CureBy = noticed.CureBy },
        BreachCured => this with { Status = CommitmentStatus.Active, CureBy = null },
        CommitmentBreached => this with { Status = CommitmentStatus.Breached },
        CommitmentNotPerformed => this with { Status = CommitmentStatus.NotPerformed },
        CommitmentWaived => this with { Status = CommitmentStatus.Waived },
        CommitmentWithdrawn => this with { Status = CommitmentStatus.Withdrawn },
        CommitmentCarriedForward forward => this with { Status = CommitmentStatus.CarriedForward, CarriedForwardTo = forward.ToCommitmentId },
        CommitmentCarriedOver over => this with { CarriedOverFrom = over.FromCommitmentId },
        _ => this
    };

    private Commitment WithMilestone(Guid id, Func<PlannedMilestone, PlannedMilestone> change) =>
        FindMilestone(id) is { } milestone ? this with { Milestones = Milestones.Replace(milestone, change(milestone)) } : this;
}

/// <summary>A milestone as another record refers to it: whose it is, what it is called and whether it is done.</summary>
public sealed record MilestoneRef(Guid Id, Guid CommitmentId, string Title, DateOnly? CompletedOn);
