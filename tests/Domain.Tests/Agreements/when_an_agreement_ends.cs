using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using static LoiTracker.Domain.Tests.Given;

namespace LoiTracker.Domain.Tests.Agreements;

public sealed class when_an_agreement_ends
{
    [Fact]
    public void a_signed_agreement_is_superseded_by_signed_successors()
    {
        var loi = SignedLoi(Clause("§7", binding: true, survives: true));
        var definitive = SignedLoi();

        var superseded = loi.Supersede([definitive], "Definitive supply agreement signed");

        superseded.ByAgreementIds.ShouldBe([definitive.Id]);
        Fold(loi, [superseded]).Status.ShouldBe(AgreementStatus.Superseded);
    }

    [Fact]
    public void a_successor_must_be_signed_first()
    {
        Should.Throw<RuleViolation>(() => SignedLoi().Supersede([DraftLoi()], "Too early")).Rule.ShouldBe("successor-not-signed");
    }

    [Fact]
    public void a_draft_is_abandoned_not_superseded_or_terminated()
    {
        var draft = DraftLoi();

        Should.Throw<RuleViolation>(() => draft.Supersede([SignedLoi()], "x")).Rule.ShouldBe("draft-not-superseded");
        Should.Throw<RuleViolation>(() => draft.Terminate(new DateOnly(2025, 12, 1), "x")).Rule.ShouldBe("draft-not-terminated");
        Fold(draft, [draft.Abandon("No deal")]).Status.ShouldBe(AgreementStatus.Abandoned);
    }

    [Fact]
    public void a_signed_agreement_is_not_abandoned()
    {
        Should.Throw<RuleViolation>(() => SignedLoi().Abandon("x")).Rule.ShouldBe("abandon-only-drafts");
    }

    [Fact]
    public void it_cannot_end_before_it_was_signed()
    {
        Should.Throw<RuleViolation>(() => SignedLoi().Terminate(new DateOnly(2025, 9, 30), "x")).Rule.ShouldBe("terminated-before-signing");
    }

    [Fact]
    public void a_terminated_agreement_is_not_terminated_again_nor_superseded()
    {
        var loi = SignedLoi();
        var terminated = Fold(loi, [loi.Terminate(new DateOnly(2026, 1, 1), "Ended by mutual consent")]);

        Should.Throw<RuleViolation>(() => terminated.Terminate(new DateOnly(2026, 1, 2), "x")).Rule.ShouldBe("not-in-force");
        Should.Throw<RuleViolation>(() => terminated.Supersede([SignedLoi()], "x")).Rule.ShouldBe("not-in-force");
        Should.Throw<RuleViolation>(() => terminated.SetKeyDate(new KeyDate(KeyDateKind.Expiry, new DateOnly(2027, 1, 1), null)))
            .Rule.ShouldBe("key-dates-closed");
    }
}
