using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;

namespace LoiTracker.Domain.Commitments;

/// <summary>The decisions: each checks the commitment lifecycle (domain.md) and returns the events that record it.</summary>
public sealed partial record Commitment
{
    /// <summary>
    /// Records a promise under an agreement. It is <c>Proposed</c> while the agreement is a draft or a linked
    /// condition is unmet, and activated at once when neither holds.
    /// </summary>
    public static IEnumerable<object> Make(Guid id, Agreement agreement, CommitmentTerms terms, IReadOnlyCollection<Condition> conditions,
        IReadOnlyDictionary<Guid, string> partyNames)
    {
        string NameOf(Guid party) => partyNames.TryGetValue(party, out var name) ? name : $"Party {party}";

        if (agreement.HasEnded)
            throw new RuleViolation("commitments-closed", $"'{agreement.Title}' is {agreement.Status}: nothing new is promised under it");
        foreach (var party in terms.Obligors.Concat(terms.Beneficiaries).Where(p => agreement.Parties.All(a => a.PartyId != p)))
            throw new RuleViolation("not-a-party", $"{NameOf(party)} is not a party to '{agreement.Title}'");
        if (terms.ProvisionRef?.Trim() is { Length: > 0 } reference)
        {
            var provision = agreement.FindProvision(reference)
                            ?? throw new RuleViolation("no-such-provision", $"'{agreement.Title}' has no provision {reference}");
            if (terms.Binding && !provision.Binding)
                throw new RuleViolation("binding-needs-binding-provision",
                    $"Provision {provision.Ref} of '{agreement.Title}' is non-binding: a commitment under it cannot be binding");
        }
        foreach (var condition in conditions.Where(c => c.Status == ConditionStatus.Failed))
            throw new RuleViolation("condition-failed", $"Condition '{condition.Title}' has failed: nothing can wait on it");

        yield return new CommitmentMade(id, agreement.Id, terms.Obligors, terms.Beneficiaries, terms.Workstream, terms.Title.Trim(),
            terms.Terms.Trim(), terms.ProvisionRef?.Trim(), terms.Binding, terms.Quantity, terms.Value, terms.Owner?.Trim(),
            terms.BeneficiariesIllustrative);
        foreach (var condition in conditions)
            yield return new ConditionLinked(condition.Id);
        if (agreement.IsInForce && conditions.All(c => c.IsSatisfied))
            yield return new CommitmentActivated(conditions.Count == 0 ? "the agreement is in force" : "the agreement is in force and its conditions are satisfied");
    }

    /// <summary>Activates a proposed commitment once its agreement is in force and every linked condition is satisfied.</summary>
    public CommitmentActivated? ActivateIfFirm(bool agreementInForce, Func<Guid, bool> isSatisfied, string because) =>
        Status == CommitmentStatus.Proposed && agreementInForce && ConditionIds.All(isSatisfied) ? new CommitmentActivated(because) : null;

    public ConditionLinked LinkCondition(Condition condition)
    {
        if (Status != CommitmentStatus.Proposed)
            throw new RuleViolation("only-proposed-waits", $"'{Title}' is {Status}: only a proposed commitment waits on a condition");
        if (ConditionIds.Contains(condition.Id))
            throw new RuleViolation("condition-already-linked", $"'{Title}' already waits on '{condition.Title}'");
        if (condition.Status == ConditionStatus.Failed)
            throw new RuleViolation("condition-failed", $"Condition '{condition.Title}' has failed: nothing can wait on it");
        return new ConditionLinked(condition.Id);
    }

    public CommitmentOwnerAssigned AssignOwner(string owner)
    {
        owner = owner.Trim();
        if (string.Equals(owner, Owner, StringComparison.Ordinal))
            throw new RuleViolation("owner-unchanged", $"{owner} already owns '{Title}'");
        return new CommitmentOwnerAssigned(owner, Owner);
    }

    /// <summary>A note everyone who may read the record reads. Privileged notes go to the record's notes stream (<see cref="Notes.PrivilegedNotes"/>).</summary>
    public NoteAdded AddNote(Guid noteId, string text) => new(noteId, text.Trim(), false);

    // ---- milestones ------------------------------------------------------------------------------------------

    public MilestonePlanned PlanMilestone(Guid milestoneId, string title, DateOnly? dueOn, RelativeDue? due, Guid ownerPartyId,
        string? assignee, IReadOnlyList<Guid> conditionIds, bool illustrative, string ownerName)
    {
        MustBeOpen("milestones-closed", "no milestone is planned for it any more");
        if (!Involves(ownerPartyId))
            throw new RuleViolation("owner-not-a-party", $"{ownerName} is neither an obligor nor a beneficiary of '{Title}'");
        if (due?.After.MilestoneId is { } anchor && anchor == milestoneId)
            throw new RuleViolation("milestone-after-itself", "A milestone cannot fall due after its own completion");
        return new MilestonePlanned(milestoneId, title.Trim(), dueOn, due, ownerPartyId, string.IsNullOrWhiteSpace(assignee) ? null : assignee.Trim(),
            conditionIds, illustrative);
    }

    public MilestoneRescheduled RescheduleMilestone(Guid milestoneId, DateOnly dueOn, string reason)
    {
        var milestone = PlannedMilestoneOrThrow(milestoneId);
        MustBeOpen("milestones-closed", "its milestones no longer move");
        if (milestone.IsCompleted)
            throw new RuleViolation("milestone-completed", $"Milestone '{milestone.Title}' is already completed");
        if (milestone.DueOn == dueOn)
            throw new RuleViolation("milestone-due-unchanged", $"Milestone '{milestone.Title}' is already due on {dueOn:yyyy-MM-dd}");
        return new MilestoneRescheduled(milestoneId, dueOn, milestone.DueOn, reason.Trim());
    }

    public MilestoneCompleted CompleteMilestone(Guid milestoneId, DateOnly completedOn, Evidence? evidence, DateOnly today)
    {
        var milestone = PlannedMilestoneOrThrow(milestoneId);
        if (milestone.IsCompleted)
            throw new RuleViolation("milestone-completed", $"Milestone '{milestone.Title}' is already completed");
        if (completedOn > today)
            throw new RuleViolation("completion-in-future", $"Milestone '{milestone.Title}' cannot be completed on a future date ({completedOn:yyyy-MM-dd})");
        return new MilestoneCompleted(milestoneId, completedOn, evidence);
    }

    public MilestoneAssigned AssignMilestone(Guid milestoneId, string? assignee)
    {
        var milestone = PlannedMilestoneOrThrow(milestoneId);
        assignee = string.IsNullOrWhiteSpace(assignee) ? null : assignee.Trim();
        if (milestone.IsCompleted)
            throw new RuleViolation("milestone-completed", $"Milestone '{milestone.Title}' is already completed");
        if (assignee == milestone.Assignee)
            throw new RuleViolation("assignee-unchanged", $"Milestone '{milestone.Title}' is already assigned to {assignee ?? "nobody"}");
        return new MilestoneAssigned(milestoneId, assignee, milestone.Assignee);
    }

    private PlannedMilestone PlannedMilestoneOrThrow(Guid milestoneId) => FindMilestone(milestoneId) ?? throw new NotFound("Milestone", milestoneId);

    // ---- deliveries and dependencies -------------------------------------------------------------------------

    public DeliveryRecorded RecordDelivery(Guid deliveryId, string period, decimal quantity, Evidence? evidence)
    {
        if (Status == CommitmentStatus.Proposed)
            throw new RuleViolation("commitment-not-active", $"'{Title}' is not firm yet: deliveries count once it is active");
        MustBeOpen("commitment-closed", "nothing more is delivered against it");
        if (Quantity is null)
            throw new RuleViolation("no-quantity", $"'{Title}' has no quantity to deliver against");
        if (quantity <= 0)
            throw new RuleViolation("delivery-quantity", $"A delivery against '{Title}' must be a positive quantity");
        if (!Quantity.AcceptsPeriod(period))
            throw new RuleViolation("period-format",
                $"Deliveries against '{Title}' are counted per {Quantity.Per.ToString().ToLowerInvariant()}: give {Quantity.PeriodExample}");
        return new DeliveryRecorded(deliveryId, period, quantity, evidence);
    }

    /// <summary>
    /// This commitment needs another commitment, or a milestone of one, first (finish-to-start).
    /// <paramref name="pathBack"/> is the chain from the target back to this commitment, if there is one: a cycle.
    /// </summary>
    public DependencyDeclared DeclareDependency(Guid dependencyId, Guid? onCommitment, Guid? onMilestone, Guid targetCommitment,
        string targetTitle, IReadOnlyList<string>? pathBack, string? note, bool illustrative)
    {
        MustBeOpen("commitment-closed", "its dependencies no longer change");
        if (targetCommitment == Id)
            throw new RuleViolation("depends-on-itself", $"'{Title}' cannot depend on itself or on its own milestones");
        if (Dependencies.Any(d => d.DependsOnCommitmentId == onCommitment && d.DependsOnMilestoneId == onMilestone))
            throw new RuleViolation("already-depends", $"'{Title}' already depends on '{targetTitle}'");
        if (pathBack is not null)
            throw new RuleViolation("dependency-cycle",
                $"'{Title}' cannot depend on '{targetTitle}': that would be a cycle ({string.Join(" → ", [Title, .. pathBack])})");
        return new DependencyDeclared(dependencyId, onCommitment, onMilestone, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), illustrative);
    }

    public DependencyRemoved RemoveDependency(Guid dependencyId, string reason)
    {
        if (Dependencies.All(d => d.Id != dependencyId)) throw new NotFound("Dependency", dependencyId);
        return new DependencyRemoved(dependencyId, reason.Trim());
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    public CommitmentFulfilled Fulfill(DateOnly on, Evidence? evidence, DateOnly today)
    {
        MustBe(CommitmentStatus.Active, "fulfil-only-active", "only an active commitment is fulfilled");
        if (on > today) throw new RuleViolation("fulfilled-in-future", $"'{Title}' cannot be fulfilled on a future date ({on:yyyy-MM-dd})");
        return new CommitmentFulfilled(on, evidence);
    }

    public BreachNoticed NoticeBreach(DateOnly cureBy, string reason, Evidence? evidence, DateOnly today)
    {
        if (!Binding)
            throw new RuleViolation("non-binding-no-breach", $"'{Title}' is non-binding: record it as not performed, not as a breach");
        MustBe(CommitmentStatus.Active, "breach-only-active", "only an active commitment is in breach");
        if (cureBy < today)
            throw new RuleViolation("cure-deadline-past", $"The cure deadline {cureBy:yyyy-MM-dd} has already passed");
        return new BreachNoticed(cureBy, reason.Trim(), evidence);
    }

    public BreachCured Cure(string? reason, Evidence? evidence)
    {
        MustBe(CommitmentStatus.BreachNoticed, "cure-only-noticed", "only a breach that was noticed is cured");
        return new BreachCured(reason?.Trim(), evidence);
    }

    public CommitmentBreached ConfirmBreach(string? reason, Evidence? evidence)
    {
        if (!Binding)
            throw new RuleViolation("non-binding-no-breach", $"'{Title}' is non-binding: record it as not performed, not as a breach");
        MustBe(CommitmentStatus.BreachNoticed, "breach-not-noticed", "a breach is confirmed only after it was noticed");
        return new CommitmentBreached(reason?.Trim(), evidence);
    }

    public CommitmentNotPerformed NotPerformed(string? reason, Evidence? evidence)
    {
        if (Binding)
            throw new RuleViolation("binding-not-performed", $"'{Title}' is binding: notice a breach instead");
        MustBe(CommitmentStatus.Active, "not-performed-only-active", "only an active commitment goes unperformed");
        return new CommitmentNotPerformed(reason?.Trim(), evidence);
    }

    public CommitmentWaived Waive(Guid byPartyId, string byName, string reason, Evidence? evidence)
    {
        if (!Beneficiaries.Contains(byPartyId))
            throw new RuleViolation("waive-only-beneficiary", $"{byName} is not a beneficiary of '{Title}': only a beneficiary waives");
        MustBeOpen("commitment-closed", "it can no longer be waived");
        return new CommitmentWaived(byPartyId, reason.Trim(), evidence);
    }

    public CommitmentWithdrawn Withdraw(string reason, Evidence? evidence)
    {
        MustBeOpen("commitment-closed", "it can no longer be withdrawn");
        return new CommitmentWithdrawn(reason.Trim(), evidence);
    }

    /// <summary>
    /// Carries this commitment forward into an agreement that supersedes its own: into <paramref name="into"/> when the
    /// team already recorded it there, otherwise into a new commitment with the same terms as they read now (its
    /// provision in the new agreement is for legal to set).
    /// </summary>
    public (IReadOnlyList<object> Here, Guid TargetId, IReadOnlyList<object> There) CarryForward(Agreement from, Agreement to,
        Commitment? into, Guid newId, string? reason, IReadOnlyDictionary<Guid, string> partyNames)
    {
        var terms = new CommitmentTerms(Obligors, Beneficiaries, Workstream, Title, Terms, null, Binding, Quantity, Value, Owner);
        MustBeOpen("commitment-closed", "it can no longer be carried forward");
        if (!from.SupersededBy.Contains(to.Id))
            throw new RuleViolation("not-superseding", $"'{to.Title}' does not supersede '{from.Title}': record the supersession first");
        if (into is not null)
        {
            if (into.AgreementId != to.Id)
                throw new RuleViolation("not-in-target", $"'{into.Title}' is not a commitment of '{to.Title}'");
            if (into.CarriedOverFrom is not null)
                throw new RuleViolation("already-carried-over", $"'{into.Title}' already carries over another commitment");
            return ([new CommitmentCarriedForward(to.Id, into.Id, reason?.Trim())], into.Id, [new CommitmentCarriedOver(from.Id, Id)]);
        }
        var made = Make(newId, to, terms, [], partyNames).ToList();
        made.Insert(1, new CommitmentCarriedOver(from.Id, Id));
        return ([new CommitmentCarriedForward(to.Id, newId, reason?.Trim())], newId, made);
    }

    private void MustBeOpen(string rule, string consequence)
    {
        if (!IsOpen) throw new RuleViolation(rule, $"'{Title}' is {Status}: {consequence}");
    }

    private void MustBe(CommitmentStatus status, string rule, string what)
    {
        if (Status != status) throw new RuleViolation(rule, $"'{Title}' is {Status}: {what}");
    }
}
