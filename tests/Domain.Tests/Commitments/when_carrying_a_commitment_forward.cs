using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using static LoiTracker.Domain.Tests.Given;
using static LoiTracker.Domain.Tests.Commitments.GivenCommitments;

namespace LoiTracker.Domain.Tests.Commitments;

public sealed class when_carrying_a_commitment_forward
{
    private static readonly Guid NewId = Guid.CreateVersion7();
    private const string Reason = "Definitive supply agreement signed";

    private readonly Agreement loi = SignedLoi();
    private readonly Agreement definitive = SignedLoi();
    private readonly Agreement superseded;
    private readonly Commitment commitment;

    public when_carrying_a_commitment_forward()
    {
        commitment = Made(loi, Terms(binding: true, quantity: Wafers));
        superseded = Fold(loi, [loi.Supersede([definitive], Reason)]);
    }

    [Fact]
    public void only_into_an_agreement_that_supersedes_its_own()
    {
        var unrelated = SignedLoi();

        var refusal = Should.Throw<RuleViolation>(() =>
            commitment.CarryForward(superseded, unrelated, null, NewId, null, Names));
        refusal.Rule.ShouldBe("not-superseding");
        refusal.Title.ShouldBe("'Letter of intent' does not supersede 'Letter of intent': record the supersession first");
        Should.Throw<RuleViolation>(() => commitment.CarryForward(loi, definitive, null, NewId, null, Names))
            .Rule.ShouldBe("not-superseding");
    }

    [Fact]
    public void into_a_new_commitment_with_the_same_terms()
    {
        var (here, targetId, there) = commitment.CarryForward(superseded, definitive, null, NewId, " Rolled into the definitive agreement ", Names);

        targetId.ShouldBe(NewId);
        here.ShouldBe([new CommitmentCarriedForward(definitive.Id, NewId, "Rolled into the definitive agreement")]);
        there.Select(e => e.GetType()).ShouldBe([typeof(CommitmentMade), typeof(CommitmentCarriedOver), typeof(CommitmentActivated)]);
        var made = there.OfType<CommitmentMade>().Single();
        (made.CommitmentId, made.AgreementId, made.Binding, made.Quantity).ShouldBe((NewId, definitive.Id, true, Wafers));
        there.OfType<CommitmentCarriedOver>().Single().ShouldBe(new CommitmentCarriedOver(loi.Id, commitment.Id));

        var source = commitment.After(here);
        source.Status.ShouldBe(CommitmentStatus.CarriedForward);
        source.CarriedForwardTo.ShouldBe(NewId);
        source.IsOpen.ShouldBeFalse();
        var target = CommitmentFrom(there);
        target.Status.ShouldBe(CommitmentStatus.Active);
        target.CarriedOverFrom.ShouldBe(commitment.Id);
    }

    [Fact]
    public void into_a_commitment_already_recorded_under_the_successor()
    {
        var existing = Made(definitive);

        var (here, targetId, there) = commitment.CarryForward(superseded, definitive, existing, NewId, null, Names);

        targetId.ShouldBe(existing.Id);
        here.ShouldBe([new CommitmentCarriedForward(definitive.Id, existing.Id, null)]);
        there.ShouldBe([new CommitmentCarriedOver(loi.Id, commitment.Id)]);
        existing.After(there).CarriedOverFrom.ShouldBe(commitment.Id);
    }

    [Fact]
    public void not_into_a_commitment_of_another_agreement()
    {
        var elsewhere = Made(SignedLoi());

        Should.Throw<RuleViolation>(() => commitment.CarryForward(superseded, definitive, elsewhere, NewId, null, Names))
            .Rule.ShouldBe("not-in-target");
    }

    [Fact]
    public void not_into_a_commitment_that_already_carries_over_another()
    {
        var existing = Made(definitive);
        var carrying = existing.After(new CommitmentCarriedOver(loi.Id, Guid.CreateVersion7()));

        var refusal = Should.Throw<RuleViolation>(() => commitment.CarryForward(superseded, definitive, carrying, NewId, null, Names));

        refusal.Rule.ShouldBe("already-carried-over");
        refusal.Title.ShouldBe("'Supply DRAM wafers' already carries over another commitment");
    }

    [Fact]
    public void a_closed_commitment_is_not_carried_forward()
    {
        var forwarded = commitment.After(new CommitmentCarriedForward(definitive.Id, NewId, null));
        var withdrawn = commitment.After(commitment.Withdraw("Dropped", null));

        Should.Throw<RuleViolation>(() => forwarded.CarryForward(superseded, definitive, null, Guid.CreateVersion7(), null, Names))
            .Rule.ShouldBe("commitment-closed");
        Should.Throw<RuleViolation>(() => withdrawn.CarryForward(superseded, definitive, null, NewId, null, Names))
            .Rule.ShouldBe("commitment-closed");
    }
}
