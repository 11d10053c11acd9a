namespace LoiTracker.Api.Tests.Commitments;

[Collection(ApiCollection.Name)]
public sealed class when_a_commitment_moves_through_its_lifecycle(ApiHost api)
{
    private string Later(int days) => DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(days).ToString("yyyy-MM-dd");

    [Fact]
    public async Task a_binding_commitment_is_noticed_in_breach_cured_and_then_confirmed_in_breach()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, binding: true));

        (await api.Post($"/api/commitments/{commitment}/notice-breach", new { cureBy = Later(30), reason = "First wafers late" })).ShouldBe(200);
        var noticed = (await api.Get($"/api/commitments/{commitment}")).Body!;
        noticed["status"]!.GetValue<string>().ShouldBe("BreachNoticed");
        noticed["breach"]!["cureBy"]!.GetValue<string>().ShouldBe(Later(30));
        (await api.Post($"/api/commitments/{commitment}/cure", new { reason = "Wafers arrived" })).ShouldBe(200);
        (await api.StatusOf(commitment)).ShouldBe("Active");
        (await api.Post($"/api/commitments/{commitment}/confirm-breach", new { })).ShouldBe(422).Rule.ShouldBe("breach-not-noticed");
        (await api.Post($"/api/commitments/{commitment}/notice-breach", new { cureBy = Later(10), reason = "Late again" })).ShouldBe(200);
        (await api.Post($"/api/commitments/{commitment}/confirm-breach", new { reason = "Not cured in time" })).ShouldBe(200);

        (await api.StatusOf(commitment)).ShouldBe("Breached");
        (await api.EventsOf(commitment)).Select(e => e.EventTypeName).TakeLast(4)
            .ShouldBe(["breach_noticed", "breach_cured", "breach_noticed", "commitment_breached"]);
    }

    [Fact]
    public async Task a_non_binding_commitment_is_never_in_breach_it_is_not_performed()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer));
        var before = (await api.EventsOf(commitment)).Count;

        var breach = await api.Post($"/api/commitments/{commitment}/notice-breach", new { cureBy = Later(30), reason = "Late" });

        breach.ShouldBe(422);
        breach.Rule.ShouldBe("non-binding-no-breach");
        breach.Title.ShouldBe("'Memory supply' is non-binding: record it as not performed, not as a breach");
        (await api.EventsOf(commitment)).Count.ShouldBe(before);
        (await api.Post($"/api/commitments/{commitment}/not-performed", new { reason = "Plans changed" })).ShouldBe(200);
        (await api.StatusOf(commitment)).ShouldBe("NotPerformed");
    }

    [Fact]
    public async Task only_legal_notices_a_breach_and_an_editor_fulfils()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, binding: true));

        (await api.Post($"/api/commitments/{commitment}/notice-breach", new { cureBy = Later(30), reason = "Late" }, "editor")).ShouldBe(403);
        (await api.Post($"/api/commitments/{commitment}/fulfill", new { }, "editor")).ShouldBe(200);

        var read = (await api.Get($"/api/commitments/{commitment}")).Body!;
        read["status"]!.GetValue<string>().ShouldBe("Fulfilled");
        read["closed"]!["by"]!.GetValue<string>().ShouldBe("Editor User");
        (await api.Post($"/api/commitments/{commitment}/withdraw", new { reason = "x" })).ShouldBe(422).Rule.ShouldBe("commitment-closed");
    }

    [Fact]
    public async Task a_waiver_comes_from_a_beneficiary_and_a_withdrawal_needs_a_reason()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var waived = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer));
        var withdrawn = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, title: "Second line"));

        (await api.Post($"/api/commitments/{waived}/waive", new { byPartyId = supplier, reason = "x" })).ShouldBe(422).Rule.ShouldBe("waive-only-beneficiary");
        (await api.Post($"/api/commitments/{waived}/waive", new { reason = "OpenAI no longer needs it" })).ShouldBe(200);
        (await api.Post($"/api/commitments/{withdrawn}/withdraw", new { })).ShouldBe(400).ErrorsFor("reason").ShouldNotBeEmpty();
        (await api.Post($"/api/commitments/{withdrawn}/withdraw", new { reason = "Superseded by a purchase order" })).ShouldBe(200);

        (await api.StatusOf(waived)).ShouldBe("Waived");
        (await api.StatusOf(withdrawn)).ShouldBe("Withdrawn");
        (await api.EventsOf(withdrawn)).Last().GetHeader("reason")!.ToString().ShouldBe("Superseded by a purchase order");
    }

    [Fact]
    public async Task a_commitment_is_carried_forward_into_the_agreement_that_supersedes_its_own_linked_both_ways()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers()));
        var definitive = await api.DraftAgreement("Definitive supply agreement", [(supplier, "Signatory"), (buyer, "Signatory")],
            kind: "DefinitiveAgreement", parentAgreementId: loi);
        await api.RecordProvision(definitive, "1", binding: true);
        await api.Sign(definitive, new DateOnly(2026, 2, 1), supplier, buyer);

        var early = await api.Post($"/api/commitments/{commitment}/carry-forward", new { toAgreementId = definitive });
        early.ShouldBe(422).Rule.ShouldBe("not-superseding");

        (await api.Post($"/api/agreements/{loi}/supersede", new { byAgreementIds = new[] { definitive }, reason = "Definitive agreement" })).ShouldBe(200);
        var carried = await api.Post($"/api/commitments/{commitment}/carry-forward", new { toAgreementId = definitive, reason = "Now binding" });

        carried.ShouldBe(200);
        var target = carried.Body!["toCommitmentId"]!.GetValue<Guid>();
        var source = (await api.Get($"/api/commitments/{commitment}")).Body!;
        source["status"]!.GetValue<string>().ShouldBe("CarriedForward");
        source["carriedForwardTo"]!["commitmentId"]!.GetValue<Guid>().ShouldBe(target);
        var successor = (await api.Get($"/api/commitments/{target}")).Body!;
        successor["agreement"]!["id"]!.GetValue<Guid>().ShouldBe(definitive);
        successor["carriedOverFrom"]!["commitmentId"]!.GetValue<Guid>().ShouldBe(commitment);
        successor["status"]!.GetValue<string>().ShouldBe("Active");
        successor["quantity"]!["amount"]!.GetValue<decimal>().ShouldBe(900_000);
    }
}
