using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;

namespace LoiTracker.Domain.Tests.Conditions;

public sealed class when_a_condition_is_settled
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Definitive = Guid.CreateVersion7();
    private static readonly DateOnly Today = new(2025, 11, 1);
    private static readonly DateTimeOffset Now = new(2025, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Evidence Approval = new("ftc-approval.pdf", new string('e', 64));

    private static Condition Fold(IReadOnlyList<object> events) =>
        events.Skip(1).Aggregate(Condition.From((ConditionRecorded)events[0]), (c, e) => c.When(e));

    private static Condition Open() => Fold(Condition.Record(Id, "Antitrust clearance", ConditionKind.RegulatoryApproval, null, null, null, "UTC").ToList());

    [Fact]
    public void a_condition_is_recorded_open()
    {
        var events = Condition.Record(Id, " Antitrust clearance ", ConditionKind.RegulatoryApproval, new DateOnly(2026, 6, 30), null, null, "UTC").ToList();

        events.ShouldHaveSingleItem()
            .ShouldBe(new ConditionRecorded(Id, "Antitrust clearance", ConditionKind.RegulatoryApproval, new DateOnly(2026, 6, 30), null, "UTC"));
        var condition = Fold(events);
        condition.Status.ShouldBe(ConditionStatus.Open);
        condition.IsSatisfied.ShouldBeFalse();
    }

    [Fact]
    public void a_condition_tied_to_an_agreement_not_yet_signed_stays_open()
    {
        var events = Condition.Record(Id, "Definitive agreement signed", ConditionKind.DefinitiveAgreement, null, Definitive, null, "UTC").ToList();

        events.ShouldHaveSingleItem().ShouldBeOfType<ConditionRecorded>().SatisfiedWhenAgreementSigned.ShouldBe(Definitive);
    }

    [Fact]
    public void a_condition_tied_to_an_agreement_already_signed_is_satisfied_at_once()
    {
        var signedOn = new DateOnly(2025, 10, 1);

        var events = Condition.Record(Id, "Definitive agreement signed", ConditionKind.DefinitiveAgreement, null, Definitive, signedOn, "UTC").ToList();

        events.Count.ShouldBe(2);
        events[0].ShouldBeOfType<ConditionRecorded>().ConditionId.ShouldBe(Id);
        events[1].ShouldBe(new ConditionSatisfied(Id, signedOn, null, Definitive));
        var condition = Fold(events);
        condition.IsSatisfied.ShouldBeTrue();
        condition.SatisfiedOn.ShouldBe(signedOn);
    }

    [Fact]
    public void an_open_condition_is_satisfied_with_evidence()
    {
        var open = Open();

        var satisfied = open.Satisfy(Today, Approval, Now);

        satisfied.ShouldBe(new ConditionSatisfied(Id, Today, Approval, null));
        var condition = open.When(satisfied);
        condition.Status.ShouldBe(ConditionStatus.Satisfied);
        condition.SatisfiedOn.ShouldBe(Today);
    }

    [Fact]
    public void a_condition_is_satisfied_once()
    {
        var open = Open();
        var satisfied = open.When(open.Satisfy(Today, Approval, Now));

        var refusal = Should.Throw<RuleViolation>(() => satisfied.Satisfy(Today, null, Now));

        refusal.Rule.ShouldBe("condition-settled");
        refusal.Title.ShouldBe("Condition 'Antitrust clearance' is already satisfied");
        Should.Throw<RuleViolation>(() => satisfied.Fail(Today, "x", null, Now)).Rule.ShouldBe("condition-settled");
    }

    [Fact]
    public void a_failed_condition_is_not_satisfied_afterwards()
    {
        var open = Open();
        var failed = open.Fail(Today, " Clearance refused ", null, Now);
        failed.ShouldBe(new ConditionFailed(Id, Today, "Clearance refused", null));
        var condition = open.When(failed);
        condition.Status.ShouldBe(ConditionStatus.Failed);

        var refusal = Should.Throw<RuleViolation>(() => condition.Satisfy(Today, Approval, Now));

        refusal.Rule.ShouldBe("condition-settled");
        refusal.Title.ShouldBe("Condition 'Antitrust clearance' is already failed");
    }

    [Fact]
    public void a_condition_is_not_satisfied_or_failed_in_the_future()
    {
        var open = Open();

        var refusal = Should.Throw<RuleViolation>(() => open.Satisfy(Today.AddDays(1), Approval, Now));
        refusal.Rule.ShouldBe("condition-in-future");
        refusal.Title.ShouldBe("A condition cannot be satisfied on a future date (2025-11-02)");
        Should.Throw<RuleViolation>(() => open.Fail(Today.AddDays(1), "x", null, Now)).Rule.ShouldBe("condition-in-future");
    }

    [Fact]
    public void signing_the_agreement_it_waits_on_satisfies_it()
    {
        var signedOn = new DateOnly(2025, 10, 20);

        Open().SatisfyBySigning(Definitive, signedOn).ShouldBe(new ConditionSatisfied(Id, signedOn, null, Definitive));
    }
}

public sealed class when_a_condition_is_late
{
    [Fact]
    public void it_is_late_once_its_expected_date_has_ended_in_its_zone_and_only_while_open()
    {
        var expected = new DateOnly(2026, 3, 31);
        var endOfDayInSeoul = new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero);

        Condition.IsLate(ConditionStatus.Open, expected, "Asia/Seoul", endOfDayInSeoul.AddTicks(-1)).ShouldBeFalse();
        Condition.IsLate(ConditionStatus.Open, expected, "Asia/Seoul", endOfDayInSeoul).ShouldBeTrue();
        Condition.IsLate(ConditionStatus.Satisfied, expected, "Asia/Seoul", endOfDayInSeoul).ShouldBeFalse();
        Condition.IsLate(ConditionStatus.Open, null, "Asia/Seoul", endOfDayInSeoul).ShouldBeFalse();
        Condition.IsLate(ConditionStatus.Open, expected, null, endOfDayInSeoul).ShouldBeFalse("without a zone it is judged in UTC, nine hours later");
    }
}
