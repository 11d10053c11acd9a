using LoiTracker.Api.Commitments;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Api.Parties;
using LoiTracker.Domain.Commitments;

namespace LoiTracker.Api.Tests.Commitments;

[Collection(ApiCollection.Name)]
public sealed class when_reading_the_register(ApiHost api)
{
    [Fact]
    public async Task the_register_filters_by_party_obligor_beneficiary_workstream_status_binding_agreement_and_text()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var sds = await api.RegisterParty("Samsung SDS", "Samsung");
        (await api.Post($"/api/agreements/{loi}/parties", new { partyId = sds, role = "ThirdParty" })).ShouldBe(422); // signed: parties are fixed
        var memory = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers(), title: "Memory supply for Stargate"));
        var exclusive = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, "other", binding: true, title: "Exclusive supply"));
        var resale = await api.MakeCommitment(loi, Driving.Commitment(buyer, supplier, "resale", title: "Resale in Korea"));
        (await api.Post($"/api/commitments/{resale}/withdraw", new { reason = "Handled by SDS" })).ShouldBe(200);

        async Task<Guid[]> Ids(string query) =>
            [.. (await api.Get($"/api/commitments?agreement={loi}&{query}")).ShouldBe(200).Body!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>())];

        (await Ids($"party={supplier}")).ShouldBe([memory, exclusive, resale], ignoreOrder: true);
        (await Ids($"obligor={supplier}")).ShouldBe([memory, exclusive], ignoreOrder: true);
        (await Ids($"beneficiary={supplier}")).ShouldBe([resale]);
        (await Ids("workstream=memory-supply")).ShouldBe([memory]);
        (await Ids("status=Withdrawn")).ShouldBe([resale]);
        (await Ids("binding=true")).ShouldBe([exclusive]);
        (await Ids("q=stargate")).ShouldBe([memory]);
        (await Ids("atRisk=true")).ShouldBeEmpty();
        (await Ids("pageSize=2&page=2")).Length.ShouldBe(1);

        var row = (await api.Get($"/api/commitments?agreement={loi}&workstream=memory-supply")).As<PageOf<RegisterRow>>().Items.ShouldHaveSingleItem();
        row.Agreement.Title.ShouldBe("Supply LOI");
        row.Obligors[0].Name.ShouldStartWith("Samsung Electronics");
        row.Quantity!.Amount.ShouldBe(900_000);
        row.Quantity.Kind.ShouldBe(QuantityKind.UpTo);
        row.Quantity.Per.ShouldBe(QuantityPer.Month);
        row.Owner.ShouldBe("Ada Partnerships");
        row.Risk.Level.ShouldBeNull();
        row.Risk.Reasons.ShouldBeEmpty();
        row.LastChange!.By.ShouldBe("Editor User");
        (await api.Get("/api/commitments?status=Dormant")).ShouldBe(400).ErrorsFor("status").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task the_register_exports_as_csv_with_the_same_filters()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers(), title: "Memory, \"high bandwidth\""));
        await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, "resale", title: "=HYPERLINK(\"evil\")"));

        var csv = await api.Get($"/api/commitments/export.csv?agreement={loi}&workstream=memory-supply");

        csv.ShouldBe(200).ContentType.ShouldStartWith("text/csv");
        var lines = csv.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("id,agreement,obligors,beneficiaries,workstream,title,binding,status");
        lines.Length.ShouldBe(2);
        lines[1].ShouldContain("\"Memory, \"\"high bandwidth\"\"\"");
        lines[1].ShouldContain(",900000,DRAM wafers,month,up-to,");
        var all = await api.Get($"/api/commitments/export.csv?agreement={loi}");
        all.Text.ShouldContain("'=HYPERLINK");
    }

    [Fact]
    public async Task a_party_ledger_shows_what_it_owes_and_is_owed_by_workstream_and_status()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers()));
        await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, title: "Second memory line"));
        await api.MakeCommitment(loi, Driving.Commitment(buyer, supplier, "enterprise-ai-services", title: "AI services"));

        var ledger = (await api.Get($"/api/parties/{supplier}/ledger")).ShouldBe(200).As<PartyLedger>();

        var owes = ledger.Owes.ShouldHaveSingleItem();
        owes.Workstream.ShouldBe("memory-supply");
        owes.Status.ShouldBe(CommitmentStatus.Active);
        owes.Count.ShouldBe(2);
        owes.Commitments[0].Counterparties[0].PartyId.ShouldBe(buyer);
        ledger.IsOwed.ShouldHaveSingleItem().Workstream.ShouldBe("enterprise-ai-services");
        (await api.Get($"/api/parties/{Guid.CreateVersion7()}/ledger")).ShouldBe(404);
    }
}
