using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using static LoiTracker.Domain.Tests.Given;

namespace LoiTracker.Domain.Tests.Agreements;

public sealed class when_drafting_and_recording
{
    private static DraftTerms Terms(params Guid[] parties) => new("Letter of intent", AgreementKind.LetterOfIntent, null, "Seoul",
        "Asia/Seoul", null, null, [.. parties.Select(p => new AgreementParty(p, PartyRole.Signatory))], Press);

    [Fact]
    public void a_draft_records_the_agreement_and_each_party_with_its_role()
    {
        var id = Guid.CreateVersion7();

        var events = Agreement.Draft(id, Terms(OpenAi, SamsungElectronics), new HashSet<Guid> { OpenAi, SamsungElectronics }, null).ToList();

        events[0].ShouldBeOfType<AgreementDrafted>().Source.Kind.ShouldBe(SourceKind.PublicAnnouncement);
        events.Skip(1).Cast<PartyJoinedAgreement>().Select(e => e.PartyId).ShouldBe([OpenAi, SamsungElectronics]);
    }

    [Fact]
    public void every_party_must_be_registered()
    {
        Should.Throw<RuleViolation>(() =>
                Agreement.Draft(Guid.CreateVersion7(), Terms(OpenAi, SamsungSds), new HashSet<Guid> { OpenAi }, null).ToList())
            .Rule.ShouldBe("unknown-party");
    }

    [Fact]
    public void provisions_of_a_signed_agreement_change_only_by_amendment()
    {
        var refusal = Should.Throw<RuleViolation>(() => SignedLoi().RecordProvision(Clause("§9"), null));

        refusal.Rule.ShouldBe("provisions-fixed-after-signing");
        refusal.Title.ShouldBe("'Letter of intent' is Signed: its provisions change only by an amendment");
    }

    [Fact]
    public void recording_a_reference_again_revises_the_draft_clause()
    {
        var draft = DraftLoi();
        var revised = Fold(draft, [draft.RecordProvision(Clause("§2"), null), draft.RecordProvision(Clause("§2", binding: true), null)]);

        revised.Provisions.ShouldHaveSingleItem().Binding.ShouldBeTrue();
    }

    [Fact]
    public void a_party_joins_a_draft_once()
    {
        var draft = DraftLoi();

        Should.Throw<RuleViolation>(() => draft.AddParty(OpenAi, PartyRole.Guarantor, "OpenAI")).Rule.ShouldBe("already-a-party");
        Should.Throw<RuleViolation>(() => SignedLoi().AddParty(SamsungSds, PartyRole.Observer, "Samsung SDS"))
            .Rule.ShouldBe("parties-fixed-after-signing");
    }

    [Fact]
    public void setting_a_key_date_again_moves_it_and_remembers_the_previous_date()
    {
        var draft = DraftLoi();
        var first = draft.SetKeyDate(new KeyDate(KeyDateKind.Expiry, new DateOnly(2026, 3, 31), null));
        var moved = Fold(draft, [first]).SetKeyDate(new KeyDate(KeyDateKind.Expiry, new DateOnly(2026, 6, 30), null));

        moved.PreviousDate.ShouldBe(new DateOnly(2026, 3, 31));
        Fold(draft, [first, moved]).KeyDates.ShouldHaveSingleItem().Date.ShouldBe(new DateOnly(2026, 6, 30));
    }
}
