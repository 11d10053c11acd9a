using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using static LoiTracker.Domain.Tests.Given;
using static LoiTracker.Domain.Tests.Commitments.GivenCommitments;

namespace LoiTracker.Domain.Tests.Commitments;

public sealed class when_making_a_commitment
{
    private static readonly Guid Id = Guid.CreateVersion7();

    [Fact]
    public void under_a_draft_agreement_it_is_only_proposed()
    {
        var draft = DraftLoi();

        var events = Commitment.Make(Id, draft, Terms(quantity: Wafers), [], Names).ToList();

        var made = events.ShouldHaveSingleItem().ShouldBeOfType<CommitmentMade>();
        made.CommitmentId.ShouldBe(Id);
        made.AgreementId.ShouldBe(draft.Id);
        made.Obligors.ShouldBe([SamsungElectronics]);
        made.Beneficiaries.ShouldBe([OpenAi]);
        made.Quantity.ShouldBe(Wafers);
        CommitmentFrom(events).Status.ShouldBe(CommitmentStatus.Proposed);
    }

    [Fact]
    public void its_title_terms_and_owner_are_trimmed()
    {
        var terms = Terms(provisionRef: "§2") with { Title = "  Supply wafers ", Terms = " Wafers \n", Owner = " jane.kim " };

        var made = Commitment.Make(Id, SignedLoi(Clause("§2")), terms, [], Names).OfType<CommitmentMade>().Single();

        (made.Title, made.Terms, made.ProvisionRef, made.Owner).ShouldBe(("Supply wafers", "Wafers", "§2", "jane.kim"));
    }

    [Fact]
    public void under_a_signed_agreement_without_conditions_it_is_activated_in_the_same_decision()
    {
        var events = Commitment.Make(Id, SignedLoi(), Terms(), [], Names).ToList();

        events.Select(e => e.GetType()).ShouldBe([typeof(CommitmentMade), typeof(CommitmentActivated)]);
        events.OfType<CommitmentActivated>().Single().Because.ShouldBe("the agreement is in force");
        CommitmentFrom(events).Status.ShouldBe(CommitmentStatus.Active);
    }

    [Fact]
    public void with_an_unmet_condition_it_stays_proposed_and_waits_on_it()
    {
        var approval = Recorded();

        var events = Commitment.Make(Id, SignedLoi(), Terms(), [approval], Names).ToList();

        events.Select(e => e.GetType()).ShouldBe([typeof(CommitmentMade), typeof(ConditionLinked)]);
        events.OfType<ConditionLinked>().Single().ConditionId.ShouldBe(approval.Id);
        var commitment = CommitmentFrom(events);
        commitment.Status.ShouldBe(CommitmentStatus.Proposed);
        commitment.ConditionIds.ShouldBe([approval.Id]);
    }

    [Fact]
    public void with_satisfied_conditions_under_a_signed_agreement_it_is_activated()
    {
        var board = Satisfied();

        var events = Commitment.Make(Id, SignedLoi(), Terms(), [board], Names).ToList();

        events.Select(e => e.GetType()).ShouldBe([typeof(CommitmentMade), typeof(ConditionLinked), typeof(CommitmentActivated)]);
        events.OfType<CommitmentActivated>().Single().Because.ShouldBe("the agreement is in force and its conditions are satisfied");
    }

    [Fact]
    public void a_failed_condition_cannot_be_waited_on()
    {
        var refusal = Should.Throw<RuleViolation>(() => Commitment.Make(Id, SignedLoi(), Terms(), [Failed("Financing")], Names).ToList());

        refusal.Rule.ShouldBe("condition-failed");
        refusal.Title.ShouldBe("Condition 'Financing' has failed: nothing can wait on it");
    }

    [Fact]
    public void an_obligor_must_be_a_party_to_the_agreement()
    {
        var refusal = Should.Throw<RuleViolation>(() =>
            Commitment.Make(Id, SignedLoi(), Terms(obligors: [SamsungSds]), [], Names).ToList());

        refusal.Rule.ShouldBe("not-a-party");
        refusal.Title.ShouldBe("Samsung SDS is not a party to 'Letter of intent'");
    }

    [Fact]
    public void a_beneficiary_must_be_a_party_to_the_agreement()
    {
        var refusal = Should.Throw<RuleViolation>(() =>
            Commitment.Make(Id, SignedLoi(), Terms(beneficiaries: [OpenAi, SamsungSds]), [], Names).ToList());

        refusal.Rule.ShouldBe("not-a-party");
        refusal.Title.ShouldContain("Samsung SDS");
    }

    [Fact]
    public void a_binding_commitment_needs_a_binding_provision()
    {
        var loi = SignedLoi(Clause("§2.1"), Clause("§7", binding: true));

        Commitment.Make(Id, loi, Terms(binding: true, provisionRef: "§7"), [], Names).OfType<CommitmentMade>().Single().Binding.ShouldBeTrue();
        Commitment.Make(Id, loi, Terms(binding: false, provisionRef: "§2.1"), [], Names).ShouldNotBeEmpty();
        var refusal = Should.Throw<RuleViolation>(() => Commitment.Make(Id, loi, Terms(binding: true, provisionRef: "§2.1"), [], Names).ToList());
        refusal.Rule.ShouldBe("binding-needs-binding-provision");
        refusal.Title.ShouldContain("§2.1");
    }

    [Fact]
    public void its_provision_must_exist_in_the_agreement()
    {
        var refusal = Should.Throw<RuleViolation>(() =>
            Commitment.Make(Id, SignedLoi(Clause("§2.1")), Terms(provisionRef: "§9"), [], Names).ToList());

        refusal.Rule.ShouldBe("no-such-provision");
        refusal.Title.ShouldBe("'Letter of intent' has no provision §9");
    }

    [Fact]
    public void nothing_is_promised_under_a_terminated_agreement()
    {
        var loi = SignedLoi();
        var terminated = Fold(loi, [loi.Terminate(new DateOnly(2026, 1, 1), "Ended by mutual consent")]);

        Should.Throw<RuleViolation>(() => Commitment.Make(Id, terminated, Terms(), [], Names).ToList()).Rule.ShouldBe("commitments-closed");
    }

    [Fact]
    public void nothing_is_promised_under_an_abandoned_draft()
    {
        var draft = DraftLoi();
        var abandoned = Fold(draft, [draft.Abandon("No deal")]);

        Should.Throw<RuleViolation>(() => Commitment.Make(Id, abandoned, Terms(), [], Names).ToList()).Rule.ShouldBe("commitments-closed");
    }
}

public sealed class when_a_proposed_commitment_becomes_firm
{
    private const string Because = "the agreement was signed";

    [Fact]
    public void it_is_activated_once_the_agreement_is_in_force_and_its_conditions_are_satisfied()
    {
        var approval = Recorded();
        var proposed = Made(DraftLoi(), Terms(), approval);

        proposed.ActivateIfFirm(agreementInForce: false, _ => true, Because).ShouldBeNull();
        proposed.ActivateIfFirm(agreementInForce: true, _ => false, Because).ShouldBeNull();
        proposed.ActivateIfFirm(agreementInForce: true, id => id != approval.Id, Because).ShouldBeNull();
        var activated = proposed.ActivateIfFirm(agreementInForce: true, id => id == approval.Id, Because).ShouldNotBeNull();
        activated.Because.ShouldBe(Because);
        proposed.After(activated).Status.ShouldBe(CommitmentStatus.Active);
    }

    [Fact]
    public void without_conditions_the_agreement_in_force_is_enough()
    {
        var proposed = Made(DraftLoi());

        proposed.ActivateIfFirm(true, _ => false, Because).ShouldBe(new CommitmentActivated(Because));
    }

    [Fact]
    public void an_active_commitment_is_not_activated_again()
    {
        Active().ActivateIfFirm(true, _ => true, Because).ShouldBeNull();
    }

    [Fact]
    public void a_withdrawn_commitment_is_not_activated()
    {
        var proposed = Made(DraftLoi());
        var withdrawn = proposed.After(proposed.Withdraw("Not pursued", null));

        withdrawn.ActivateIfFirm(true, _ => true, Because).ShouldBeNull();
    }
}
