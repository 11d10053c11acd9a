using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using static LoiTracker.Domain.Tests.Given;
using static LoiTracker.Domain.Tests.Commitments.GivenCommitments;

namespace LoiTracker.Domain.Tests.Commitments;

public sealed class when_a_binding_commitment_is_breached
{
    private static readonly DateOnly CureBy = Today.AddDays(30);
    private static readonly Evidence Letter = new("breach-notice.pdf", new string('b', 64));

    private static Commitment Noticed(Commitment active) => active.After(active.NoticeBreach(CureBy, "Short delivery", Letter, Today));

    [Fact]
    public void a_breach_notice_gives_a_cure_deadline()
    {
        var active = Active(binding: true);

        var noticed = active.NoticeBreach(CureBy, "  Short delivery in March ", Letter, Today);

        noticed.ShouldBe(new BreachNoticed(CureBy, "Short delivery in March", Letter));
        var state = active.After(noticed);
        state.Status.ShouldBe(CommitmentStatus.BreachNoticed);
        state.CureBy.ShouldBe(CureBy);
        state.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void a_cure_makes_it_active_again_without_a_deadline()
    {
        var noticed = Noticed(Active(binding: true));

        var cured = noticed.Cure(" Shortfall delivered ", null);

        cured.ShouldBe(new BreachCured("Shortfall delivered", null));
        var state = noticed.After(cured);
        state.Status.ShouldBe(CommitmentStatus.Active);
        state.CureBy.ShouldBeNull();
    }

    [Fact]
    public void only_a_noticed_breach_is_cured()
    {
        Should.Throw<RuleViolation>(() => Active(binding: true).Cure(null, null)).Rule.ShouldBe("cure-only-noticed");
    }

    [Fact]
    public void a_breach_is_confirmed_only_after_it_was_noticed()
    {
        var active = Active(binding: true);

        var refusal = Should.Throw<RuleViolation>(() => active.ConfirmBreach("Never delivered", null));

        refusal.Rule.ShouldBe("breach-not-noticed");
        refusal.Title.ShouldBe("'Supply DRAM wafers' is Active: a breach is confirmed only after it was noticed");
    }

    [Fact]
    public void a_noticed_breach_not_cured_is_confirmed()
    {
        var noticed = Noticed(Active(binding: true));

        var breached = noticed.ConfirmBreach(" Cure period lapsed ", Letter);

        breached.ShouldBe(new CommitmentBreached("Cure period lapsed", Letter));
        var state = noticed.After(breached);
        state.Status.ShouldBe(CommitmentStatus.Breached);
        state.IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void the_cure_deadline_cannot_have_passed_already()
    {
        var active = Active(binding: true);

        active.NoticeBreach(Today, "Due today", null, Today).CureBy.ShouldBe(Today);
        var refusal = Should.Throw<RuleViolation>(() => active.NoticeBreach(Today.AddDays(-1), "Too late", null, Today));
        refusal.Rule.ShouldBe("cure-deadline-past");
        refusal.Title.ShouldBe("The cure deadline 2025-10-31 has already passed");
    }

    [Fact]
    public void only_an_active_commitment_is_noticed_in_breach()
    {
        var proposed = Made(DraftLoi(), Terms(binding: true));
        var noticed = Noticed(Active(binding: true));

        Should.Throw<RuleViolation>(() => proposed.NoticeBreach(CureBy, "x", null, Today)).Rule.ShouldBe("breach-only-active");
        Should.Throw<RuleViolation>(() => noticed.NoticeBreach(CureBy, "x", null, Today)).Rule.ShouldBe("breach-only-active");
    }

    [Fact]
    public void a_binding_commitment_is_not_recorded_as_not_performed()
    {
        var refusal = Should.Throw<RuleViolation>(() => Active(binding: true).NotPerformed("Never delivered", null));

        refusal.Rule.ShouldBe("binding-not-performed");
        refusal.Title.ShouldBe("'Supply DRAM wafers' is binding: notice a breach instead");
    }
}

public sealed class when_a_non_binding_commitment_is_not_performed
{
    [Fact]
    public void no_breach_is_noticed()
    {
        var refusal = Should.Throw<RuleViolation>(() => Active(binding: false).NoticeBreach(Today.AddDays(30), "Short delivery", null, Today));

        refusal.Rule.ShouldBe("non-binding-no-breach");
        refusal.Title.ShouldBe("'Supply DRAM wafers' is non-binding: record it as not performed, not as a breach");
    }

    [Fact]
    public void no_breach_is_confirmed()
    {
        Should.Throw<RuleViolation>(() => Active(binding: false).ConfirmBreach("Never delivered", null)).Rule.ShouldBe("non-binding-no-breach");
    }

    [Fact]
    public void it_is_recorded_as_not_performed()
    {
        var active = Active(binding: false);

        var notPerformed = active.NotPerformed(" Plans changed ", null);

        notPerformed.ShouldBe(new CommitmentNotPerformed("Plans changed", null));
        var state = active.After(notPerformed);
        state.Status.ShouldBe(CommitmentStatus.NotPerformed);
        state.IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void only_an_active_commitment_goes_unperformed()
    {
        Should.Throw<RuleViolation>(() => Made(DraftLoi()).NotPerformed(null, null)).Rule.ShouldBe("not-performed-only-active");
    }
}

public sealed class when_a_commitment_closes
{
    private static readonly Evidence Certificate = new("acceptance.pdf", new string('c', 64));

    [Fact]
    public void an_active_commitment_is_fulfilled_on_a_past_or_present_date()
    {
        var active = Active();

        var fulfilled = active.Fulfill(Today.AddDays(-3), Certificate, Today);

        fulfilled.ShouldBe(new CommitmentFulfilled(Today.AddDays(-3), Certificate));
        active.After(fulfilled).Status.ShouldBe(CommitmentStatus.Fulfilled);
        active.Fulfill(Today, null, Today).On.ShouldBe(Today);
    }

    [Fact]
    public void it_is_not_fulfilled_on_a_future_date()
    {
        var refusal = Should.Throw<RuleViolation>(() => Active().Fulfill(Today.AddDays(1), null, Today));

        refusal.Rule.ShouldBe("fulfilled-in-future");
        refusal.Title.ShouldBe("'Supply DRAM wafers' cannot be fulfilled on a future date (2025-11-02)");
    }

    [Fact]
    public void only_an_active_commitment_is_fulfilled()
    {
        var proposed = Made(DraftLoi());
        var binding = Active(binding: true);
        var noticed = binding.After(binding.NoticeBreach(Today.AddDays(5), "Late", null, Today));
        var active = Active();
        var fulfilled = active.After(active.Fulfill(Today, null, Today));

        var refusal = Should.Throw<RuleViolation>(() => proposed.Fulfill(Today, null, Today));
        refusal.Rule.ShouldBe("fulfil-only-active");
        refusal.Title.ShouldBe("'Supply DRAM wafers' is Proposed: only an active commitment is fulfilled");
        Should.Throw<RuleViolation>(() => noticed.Fulfill(Today, null, Today)).Rule.ShouldBe("fulfil-only-active");
        Should.Throw<RuleViolation>(() => fulfilled.Fulfill(Today, null, Today)).Rule.ShouldBe("fulfil-only-active");
    }

    [Fact]
    public void a_beneficiary_waives_it()
    {
        var active = Active();

        var waived = active.Waive(OpenAi, "OpenAI", " No longer needed ", null);

        waived.ShouldBe(new CommitmentWaived(OpenAi, "No longer needed", null));
        active.After(waived).Status.ShouldBe(CommitmentStatus.Waived);
    }

    [Fact]
    public void an_obligor_does_not_waive_its_own_promise()
    {
        var refusal = Should.Throw<RuleViolation>(() => Active().Waive(SamsungElectronics, "Samsung Electronics", "We would rather not", null));

        refusal.Rule.ShouldBe("waive-only-beneficiary");
        refusal.Title.ShouldBe("Samsung Electronics is not a beneficiary of 'Supply DRAM wafers': only a beneficiary waives");
    }

    [Fact]
    public void a_closed_commitment_is_not_waived()
    {
        var active = Active();
        var fulfilled = active.After(active.Fulfill(Today, null, Today));

        Should.Throw<RuleViolation>(() => fulfilled.Waive(OpenAi, "OpenAI", "x", null)).Rule.ShouldBe("commitment-closed");
    }

    [Fact]
    public void a_proposed_or_active_commitment_is_withdrawn()
    {
        var proposed = Made(DraftLoi());
        var active = Active();

        proposed.Withdraw(" Not pursued ", null).ShouldBe(new CommitmentWithdrawn("Not pursued", null));
        active.After(active.Withdraw("Dropped", null)).Status.ShouldBe(CommitmentStatus.Withdrawn);
    }

    [Fact]
    public void a_closed_commitment_is_not_withdrawn()
    {
        var active = Active();
        var fulfilled = active.After(active.Fulfill(Today, null, Today));
        var withdrawn = active.After(active.Withdraw("Dropped", null));

        var refusal = Should.Throw<RuleViolation>(() => fulfilled.Withdraw("Too late", null));
        refusal.Rule.ShouldBe("commitment-closed");
        refusal.Title.ShouldBe("'Supply DRAM wafers' is Fulfilled: it can no longer be withdrawn");
        Should.Throw<RuleViolation>(() => withdrawn.Withdraw("Again", null)).Rule.ShouldBe("commitment-closed");
    }
}

public sealed class when_changing_what_a_commitment_waits_on_and_who_owns_it
{
    [Fact]
    public void a_proposed_commitment_waits_on_another_condition()
    {
        var proposed = Made(DraftLoi());
        var approval = Recorded();

        var linked = proposed.LinkCondition(approval);

        linked.ShouldBe(new ConditionLinked(approval.Id));
        proposed.After(linked).ConditionIds.ShouldBe([approval.Id]);
    }

    [Fact]
    public void a_condition_is_linked_once()
    {
        var approval = Recorded("Approval");
        var proposed = Made(DraftLoi(), Terms(), approval);

        var refusal = Should.Throw<RuleViolation>(() => proposed.LinkCondition(approval));
        refusal.Rule.ShouldBe("condition-already-linked");
        refusal.Title.ShouldBe("'Supply DRAM wafers' already waits on 'Approval'");
    }

    [Fact]
    public void an_active_commitment_waits_on_nothing_more_and_a_failed_condition_is_not_waited_on()
    {
        Should.Throw<RuleViolation>(() => Active().LinkCondition(Recorded())).Rule.ShouldBe("only-proposed-waits");
        Should.Throw<RuleViolation>(() => Made(DraftLoi()).LinkCondition(Failed())).Rule.ShouldBe("condition-failed");
    }

    [Fact]
    public void a_new_owner_is_recorded_with_the_previous_one()
    {
        var active = Active();

        var assigned = active.AssignOwner(" min.park ");

        assigned.ShouldBe(new CommitmentOwnerAssigned("min.park", "jane.kim"));
        active.After(assigned).Owner.ShouldBe("min.park");
        Should.Throw<RuleViolation>(() => active.AssignOwner("jane.kim")).Rule.ShouldBe("owner-unchanged");
    }
}
