using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using static LoiTracker.Domain.Tests.Given;

namespace LoiTracker.Domain.Tests.Agreements;

public sealed class when_signing_in_counterparts
{
    private static Signature By(Guid party, int day = 1) => new(party, new DateOnly(2025, 10, day), "Authorised Signatory");

    [Fact]
    public void a_first_counterpart_records_that_party_signature_only()
    {
        var loi = DraftLoi();

        var events = loi.Sign([By(OpenAi)], null, SigningDay, Names).ToList();

        events.ShouldHaveSingleItem().ShouldBeOfType<AgreementSignedByParty>().PartyId.ShouldBe(OpenAi);
    }

    [Fact]
    public void the_last_counterpart_signs_the_agreement_on_the_latest_signature_date()
    {
        var events = DraftLoi().Sign([By(OpenAi, 1), By(SamsungElectronics, 3)], null, SigningDay.AddDays(5), Names).ToList();

        events.OfType<AgreementSignedByParty>().Count().ShouldBe(2);
        var signed = events.OfType<AgreementSigned>().ShouldHaveSingleItem();
        signed.SignedOn.ShouldBe(new DateOnly(2025, 10, 3));
        signed.EffectiveOn.ShouldBe(new DateOnly(2025, 10, 3));
    }

    [Fact]
    public void counterparts_in_two_calls_sign_the_agreement_with_the_second()
    {
        var loi = DraftLoi();
        var afterFirst = Fold(loi, loi.Sign([By(OpenAi, 1)], new DateOnly(2025, 11, 1), SigningDay.AddDays(2), Names));

        var events = afterFirst.Sign([By(SamsungElectronics, 2)], null, SigningDay.AddDays(2), Names).ToList();

        var signed = events.OfType<AgreementSigned>().ShouldHaveSingleItem();
        signed.SignedOn.ShouldBe(new DateOnly(2025, 10, 2));
        signed.EffectiveOn.ShouldBe(new DateOnly(2025, 11, 1), "the effective date given with an earlier counterpart is kept");
        Fold(afterFirst, events).Status.ShouldBe(AgreementStatus.Signed);
    }

    [Fact]
    public void a_party_cannot_sign_twice()
    {
        var loi = DraftLoi();
        var afterFirst = Fold(loi, loi.Sign([By(OpenAi)], null, SigningDay, Names));

        var refusal = Should.Throw<RuleViolation>(() => afterFirst.Sign([By(OpenAi)], null, SigningDay, Names).ToList());

        refusal.Rule.ShouldBe("signing-twice");
        refusal.Title.ShouldBe("OpenAI has already signed 'Letter of intent'");
    }

    [Fact]
    public void only_a_signatory_party_signs()
    {
        var refusal = Should.Throw<RuleViolation>(() => DraftLoi().Sign([By(SamsungSds)], null, SigningDay, Names).ToList());

        refusal.Rule.ShouldBe("not-a-signatory");
        refusal.Title.ShouldContain("Samsung SDS");
    }

    [Fact]
    public void a_signature_cannot_be_dated_after_today_in_the_deadline_time_zone()
    {
        // 1 October 2025, 16:00 UTC is already 2 October in Seoul: a signature on the 2nd is fine, on the 3rd it is not.
        var now = new DateTimeOffset(2025, 10, 1, 16, 0, 0, TimeSpan.Zero);

        DraftLoi().Sign([By(OpenAi, 2)], null, now, Names).ShouldNotBeEmpty();
        Should.Throw<RuleViolation>(() => DraftLoi().Sign([By(OpenAi, 3)], null, now, Names).ToList())
            .Rule.ShouldBe("signature-in-future");
    }

    [Fact]
    public void a_signed_agreement_is_not_signed_again()
    {
        var signed = SignedLoi();

        Should.Throw<RuleViolation>(() => signed.Sign([By(OpenAi)], null, SigningDay, Names).ToList()).Rule.ShouldBe("already-signed");
    }

    [Fact]
    public void an_abandoned_draft_cannot_be_signed()
    {
        var loi = DraftLoi();
        var abandoned = Fold(loi, [loi.Abandon("The parties walked away")]);

        Should.Throw<RuleViolation>(() => abandoned.Sign([By(OpenAi)], null, SigningDay, Names).ToList()).Rule.ShouldBe("not-signable");
    }
}
