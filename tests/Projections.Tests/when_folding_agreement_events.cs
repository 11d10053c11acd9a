using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Agreements;

namespace LoiTracker.Projections.Tests;

[Collection(ProjectionCollection.Name)]
public sealed class when_folding_agreement_events(ProjectionStore projections)
{
    private static readonly Guid OpenAi = Guid.CreateVersion7();
    private static readonly Guid Samsung = Guid.CreateVersion7();
    private static readonly Source Press = new(SourceKind.PublicAnnouncement, "Samsung newsroom");

    private static Provision Clause(string reference, string text, bool binding = false, bool survives = false) =>
        new(reference, "Heading", text, binding, survives);

    [Fact]
    public async Task the_view_and_the_aggregate_follow_the_stream_inline_with_who_changed_it()
    {
        var id = Guid.CreateVersion7();
        await projections.Start(id, "Ada Legal",
            new AgreementDrafted(id, "LOI", AgreementKind.LetterOfIntent, "Memory and data centers", "Seoul", "Asia/Seoul", "Korean law", null, Press),
            new PartyJoinedAgreement(id, OpenAi, PartyRole.Signatory),
            new PartyJoinedAgreement(id, Samsung, PartyRole.Signatory),
            new ProvisionRecorded(id, Clause("§1", "Supply DRAM")),
            new KeyDateSet(id, new KeyDate(KeyDateKind.Expiry, new DateOnly(2026, 3, 31), null), null));
        await projections.Append<Agreement>(id, "Grace Legal",
            new AgreementSignedByParty(id, OpenAi, new DateOnly(2025, 10, 1), "Sam Altman", null),
            new AgreementSignedByParty(id, Samsung, new DateOnly(2025, 10, 1), "Jun Young-hyun", null),
            new AgreementSigned(id, new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 1)));

        var view = (await projections.Load<AgreementView>(id)).ShouldNotBeNull();
        view.Version.ShouldBe(8);
        view.Status.ShouldBe(AgreementStatus.Signed);
        view.Parties.Select(p => p.PartyId).ShouldBe([OpenAi, Samsung]);
        view.ExpiresOn.ShouldBe(new DateOnly(2026, 3, 31));
        view.ExpiresAt.ShouldBe(new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero));
        view.DraftedBy.ShouldBe("Ada Legal");
        view.LastChange!.By.ShouldBe("Grace Legal");
        view.LastChange.EventType.ShouldBe("agreement_signed");

        var aggregate = (await projections.Load<Agreement>(id)).ShouldNotBeNull();
        aggregate.Version.ShouldBe(8);
        aggregate.Status.ShouldBe(AgreementStatus.Signed);
        aggregate.Signatures.Count.ShouldBe(2);
    }

    [Fact]
    public async Task an_amendment_changes_the_provisions_of_the_view_and_keeps_what_they_said_before()
    {
        var id = Guid.CreateVersion7();
        var before = Clause("§1", "Supply DRAM");
        var after = Clause("§1", "Supply DRAM and HBM", binding: true);
        await projections.Start(id, "Ada Legal",
            new AgreementDrafted(id, "LOI", AgreementKind.LetterOfIntent, null, null, "UTC", null, null, Press),
            new ProvisionRecorded(id, before),
            new ProvisionRecorded(id, Clause("§7", "Exclusivity")),
            new AgreementSigned(id, new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 1)));
        var amendment = Guid.CreateVersion7();

        await projections.Append<Agreement>(id, "Ada Legal", new AgreementAmended(id, amendment, [
            new ProvisionChange("§1", ProvisionAction.Replace, before, after),
            new ProvisionChange("§7", ProvisionAction.Delete, Clause("§7", "Exclusivity"), null)
        ]));

        var view = (await projections.Load<AgreementView>(id)).ShouldNotBeNull();
        view.Status.ShouldBe(AgreementStatus.Amended);
        view.Provisions.ShouldHaveSingleItem().Text.ShouldBe("Supply DRAM and HBM");
        view.Amendments.ShouldHaveSingleItem().Changes[0].Before!.Text.ShouldBe("Supply DRAM");
        (await projections.Load<Agreement>(id))!.Provisions.ShouldHaveSingleItem().Binding.ShouldBeTrue();
    }
}
