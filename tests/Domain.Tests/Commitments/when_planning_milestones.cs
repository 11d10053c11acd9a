using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using static LoiTracker.Domain.Tests.Given;
using static LoiTracker.Domain.Tests.Commitments.GivenCommitments;

namespace LoiTracker.Domain.Tests.Commitments;

public sealed class when_planning_milestones
{
    private static readonly Guid MilestoneId = Guid.CreateVersion7();
    private static readonly DateOnly FirstDue = new(2026, 3, 31);

    private static Commitment WithMilestone(Commitment commitment, DateOnly? dueOn = null, RelativeDue? due = null, Guid? id = null) =>
        commitment.After(commitment.PlanMilestone(id ?? MilestoneId, "First wafer shipment", due is null ? dueOn ?? FirstDue : null, due,
            SamsungElectronics, null, [], false, "Samsung Electronics"));

    [Fact]
    public void a_milestone_is_planned_for_an_obligor_or_a_beneficiary()
    {
        var active = Active();
        var condition = Guid.CreateVersion7();

        var planned = active.PlanMilestone(MilestoneId, " Fab capacity reserved ", FirstDue, null, OpenAi, "  ", [condition], true, "OpenAI");

        planned.MilestoneId.ShouldBe(MilestoneId);
        planned.Title.ShouldBe("Fab capacity reserved");
        planned.DueOn.ShouldBe(FirstDue);
        planned.OwnerPartyId.ShouldBe(OpenAi);
        planned.Assignee.ShouldBeNull();
        planned.ConditionIds.ShouldBe([condition]);
        planned.Illustrative.ShouldBeTrue();
        var milestone = active.After(planned).FindMilestone(MilestoneId).ShouldNotBeNull();
        (milestone.Title, milestone.DueOn, milestone.OwnerPartyId, milestone.IsCompleted).ShouldBe(("Fab capacity reserved", FirstDue, OpenAi, false));
    }

    [Fact]
    public void its_owner_must_be_an_obligor_or_a_beneficiary()
    {
        var refusal = Should.Throw<RuleViolation>(() =>
            Active().PlanMilestone(MilestoneId, "Data centre ready", FirstDue, null, SamsungSds, null, [], false, "Samsung SDS"));

        refusal.Rule.ShouldBe("owner-not-a-party");
        refusal.Title.ShouldBe("Samsung SDS is neither an obligor nor a beneficiary of 'Supply DRAM wafers'");
    }

    [Fact]
    public void a_milestone_cannot_fall_due_after_itself()
    {
        var due = new RelativeDue(30, new DueAnchor(MilestoneId, null, false));

        Should.Throw<RuleViolation>(() => Active().PlanMilestone(MilestoneId, "Loop", null, due, OpenAi, null, [], false, "OpenAI"))
            .Rule.ShouldBe("milestone-after-itself");
    }

    [Fact]
    public void a_closed_commitment_plans_no_milestones()
    {
        var active = Active();
        var withdrawn = active.After(active.Withdraw("Dropped", null));

        Should.Throw<RuleViolation>(() => withdrawn.PlanMilestone(MilestoneId, "Late", FirstDue, null, OpenAi, null, [], false, "OpenAI"))
            .Rule.ShouldBe("milestones-closed");
    }

    [Fact]
    public void a_reschedule_keeps_the_previous_due_date()
    {
        var planned = WithMilestone(Active());
        var newDue = FirstDue.AddMonths(1);

        var moved = planned.RescheduleMilestone(MilestoneId, newDue, " Fab delayed ");

        moved.ShouldBe(new MilestoneRescheduled(MilestoneId, newDue, FirstDue, "Fab delayed"));
        planned.After(moved).FindMilestone(MilestoneId)!.DueOn.ShouldBe(newDue);
    }

    [Fact]
    public void a_reschedule_to_the_same_date_changes_nothing()
    {
        Should.Throw<RuleViolation>(() => WithMilestone(Active()).RescheduleMilestone(MilestoneId, FirstDue, "x"))
            .Rule.ShouldBe("milestone-due-unchanged");
    }

    [Fact]
    public void rescheduling_a_relative_milestone_makes_it_absolute()
    {
        var due = new RelativeDue(90, new DueAnchor(null, null, AgreementSigned: true));
        var planned = WithMilestone(Active(), due: due);
        planned.FindMilestone(MilestoneId)!.Due.ShouldBe(due);

        var moved = planned.RescheduleMilestone(MilestoneId, FirstDue, "Fixed date agreed");

        moved.PreviousDueOn.ShouldBeNull();
        var milestone = planned.After(moved).FindMilestone(MilestoneId).ShouldNotBeNull();
        milestone.Due.ShouldBeNull();
        milestone.DueOn.ShouldBe(FirstDue);
    }

    [Fact]
    public void an_unknown_milestone_is_not_found()
    {
        var planned = WithMilestone(Active());
        var unknown = Guid.CreateVersion7();

        Should.Throw<NotFound>(() => planned.RescheduleMilestone(unknown, FirstDue.AddDays(1), "x")).Id.ShouldBe(unknown);
        Should.Throw<NotFound>(() => planned.CompleteMilestone(unknown, Today, null, Today)).What.ShouldBe("Milestone");
        Should.Throw<NotFound>(() => planned.AssignMilestone(unknown, "min.park")).Id.ShouldBe(unknown);
    }

    [Fact]
    public void a_milestone_is_completed_once()
    {
        var planned = WithMilestone(Active());
        var evidence = new Evidence("bill-of-lading.pdf", new string('d', 64));

        var completed = planned.CompleteMilestone(MilestoneId, Today, evidence, Today);

        completed.ShouldBe(new MilestoneCompleted(MilestoneId, Today, evidence));
        var done = planned.After(completed);
        done.FindMilestone(MilestoneId)!.CompletedOn.ShouldBe(Today);
        var refusal = Should.Throw<RuleViolation>(() => done.CompleteMilestone(MilestoneId, Today, null, Today));
        refusal.Rule.ShouldBe("milestone-completed");
        refusal.Title.ShouldBe("Milestone 'First wafer shipment' is already completed");
        Should.Throw<RuleViolation>(() => done.RescheduleMilestone(MilestoneId, FirstDue.AddDays(7), "x")).Rule.ShouldBe("milestone-completed");
        Should.Throw<RuleViolation>(() => done.AssignMilestone(MilestoneId, "min.park")).Rule.ShouldBe("milestone-completed");
    }

    [Fact]
    public void a_milestone_is_not_completed_in_the_future()
    {
        var refusal = Should.Throw<RuleViolation>(() => WithMilestone(Active()).CompleteMilestone(MilestoneId, Today.AddDays(1), null, Today));

        refusal.Rule.ShouldBe("completion-in-future");
        refusal.Title.ShouldBe("Milestone 'First wafer shipment' cannot be completed on a future date (2025-11-02)");
    }

    [Fact]
    public void a_milestone_is_assigned_with_the_previous_assignee()
    {
        var planned = WithMilestone(Active());

        var assigned = planned.AssignMilestone(MilestoneId, " min.park ");

        assigned.ShouldBe(new MilestoneAssigned(MilestoneId, "min.park", null));
        var state = planned.After(assigned);
        state.FindMilestone(MilestoneId)!.Assignee.ShouldBe("min.park");
        state.AssignMilestone(MilestoneId, " ").ShouldBe(new MilestoneAssigned(MilestoneId, null, "min.park"));
        Should.Throw<RuleViolation>(() => state.AssignMilestone(MilestoneId, "min.park")).Rule.ShouldBe("assignee-unchanged");
    }

    [Fact]
    public void changing_one_milestone_leaves_the_others_alone()
    {
        var other = Guid.CreateVersion7();
        var planned = WithMilestone(WithMilestone(Active()), FirstDue.AddMonths(2), id: other);

        var state = planned.After(planned.RescheduleMilestone(MilestoneId, FirstDue.AddDays(10), "x"));

        state.Milestones.Count.ShouldBe(2);
        state.FindMilestone(other)!.DueOn.ShouldBe(FirstDue.AddMonths(2));
    }
}
