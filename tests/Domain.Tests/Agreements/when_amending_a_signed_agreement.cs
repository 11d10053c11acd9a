using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using static LoiTracker.Domain.Tests.Given;

namespace LoiTracker.Domain.Tests.Agreements;

public sealed class when_amending_a_signed_agreement
{
    private static Agreement AmendmentOf(Agreement parent, params Provision[] provisions)
    {
        var amendment = DraftLoi(AgreementKind.Amendment, parent.Id);
        return Fold(amendment, provisions.Select(p => amendment.RecordProvision(p, parent)));
    }

    [Fact]
    public void the_parent_keeps_each_provision_before_and_after()
    {
        var parent = SignedLoi(Clause("§2.1"), Clause("§7", binding: true, survives: true));
        var amendment = AmendmentOf(parent,
            Clause("A1", binding: true, amends: new ProvisionAmends("§2.1", ProvisionAction.Replace)),
            Clause("A2", amends: new ProvisionAmends("§3", ProvisionAction.Insert)),
            Clause("A3", amends: new ProvisionAmends("§7", ProvisionAction.Delete)));

        var amended = parent.Amend(amendment);

        amended.Changes.Select(c => (c.Ref, c.Action)).ShouldBe([("§2.1", ProvisionAction.Replace), ("§3", ProvisionAction.Insert), ("§7", ProvisionAction.Delete)]);
        amended.Changes[0].Before!.Binding.ShouldBeFalse();
        amended.Changes[0].After!.Binding.ShouldBeTrue();
        amended.Changes[0].After!.Ref.ShouldBe("§2.1");
        amended.Changes[1].Before.ShouldBeNull();
        amended.Changes[2].After.ShouldBeNull();

        var after = Fold(parent, [amended]);
        after.Status.ShouldBe(AgreementStatus.Amended);
        after.Provisions.Select(p => p.Ref).ShouldBe(["§2.1", "§3"]);
    }

    [Fact]
    public void an_amendment_provision_must_say_what_it_changes()
    {
        var parent = SignedLoi(Clause("§2.1"));
        var amendment = DraftLoi(AgreementKind.Amendment, parent.Id);

        Should.Throw<RuleViolation>(() => amendment.RecordProvision(Clause("A1"), parent)).Rule.ShouldBe("amendment-must-amend");
    }

    [Fact]
    public void it_cannot_replace_a_provision_the_parent_does_not_have()
    {
        var parent = SignedLoi(Clause("§2.1"));
        var amendment = DraftLoi(AgreementKind.Amendment, parent.Id);

        var refusal = Should.Throw<RuleViolation>(() =>
            amendment.RecordProvision(Clause("A1", amends: new ProvisionAmends("§9", ProvisionAction.Replace)), parent));

        refusal.Rule.ShouldBe("no-such-provision");
        refusal.Title.ShouldBe("'Letter of intent' has no provision §9 to replace");
    }

    [Fact]
    public void it_cannot_insert_a_provision_the_parent_already_has()
    {
        var parent = SignedLoi(Clause("§2.1"));
        var amendment = DraftLoi(AgreementKind.Amendment, parent.Id);

        Should.Throw<RuleViolation>(() =>
                amendment.RecordProvision(Clause("A1", amends: new ProvisionAmends("§2.1", ProvisionAction.Insert)), parent))
            .Rule.ShouldBe("provision-exists");
    }

    [Fact]
    public void only_an_amendment_amends_provisions()
    {
        Should.Throw<RuleViolation>(() =>
                DraftLoi().RecordProvision(Clause("§1", amends: new ProvisionAmends("§2", ProvisionAction.Replace)), null))
            .Rule.ShouldBe("only-amendments-amend");
    }

    [Fact]
    public void an_amendment_without_provisions_is_not_signed()
    {
        var parent = SignedLoi(Clause("§2.1"));
        var amendment = DraftLoi(AgreementKind.Amendment, parent.Id);

        Should.Throw<RuleViolation>(() => amendment.Sign([new Signature(OpenAi, new DateOnly(2025, 10, 1), "S")], null, SigningDay, Names).ToList())
            .Rule.ShouldBe("amendment-changes-nothing");
    }

    [Fact]
    public void a_terminated_parent_is_no_longer_amended()
    {
        var parent = SignedLoi(Clause("§2.1"));
        var amendment = AmendmentOf(parent, Clause("A1", amends: new ProvisionAmends("§2.1", ProvisionAction.Replace)));
        var terminated = Fold(parent, [parent.Terminate(new DateOnly(2025, 12, 1), "Replaced by definitive agreements")]);

        Should.Throw<RuleViolation>(() => terminated.Amend(amendment)).Rule.ShouldBe("amend-only-in-force");
    }

    [Fact]
    public void only_a_signed_agreement_is_amended()
    {
        var draft = DraftLoi();
        var terms = new DraftTerms("Amendment 1", AgreementKind.Amendment, null, null, "Asia/Seoul", null, draft.Id,
            [new AgreementParty(OpenAi, PartyRole.Signatory)], Press);

        Should.Throw<RuleViolation>(() => Agreement.Draft(Guid.CreateVersion7(), terms, new HashSet<Guid> { OpenAi }, draft).ToList())
            .Rule.ShouldBe("amend-only-in-force");
    }
}
