namespace LoiTracker.Api.Tests.Commitments;

[Collection(ApiCollection.Name)]
public sealed class when_making_commitments(ApiHost api)
{
    [Fact]
    public async Task a_commitment_under_a_draft_is_proposed_and_becomes_active_when_the_agreement_is_signed()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi(sign: false);

        var reply = await api.Post($"/api/agreements/{loi}/commitments", Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers()), "editor");

        reply.ShouldBe(201).Location.ShouldBe($"/api/commitments/{reply.Id}");
        (await api.StatusOf(reply.Id)).ShouldBe("Proposed");
        (await api.EventsOf(reply.Id)).Select(e => e.EventTypeName).ShouldBe(["commitment_made"]);

        await api.Sign(loi, new DateOnly(2025, 10, 1), supplier, buyer);

        (await api.StatusOf(reply.Id)).ShouldBe("Active");
        var activated = (await api.EventsOf(reply.Id)).Last();
        activated.EventTypeName.ShouldBe("commitment_activated");
        activated.UserName.ShouldBe("legal-user");
        (await api.Get($"/api/agreements/{loi}")).Body!["commitmentCounts"]!["Active"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task a_commitment_waiting_on_a_condition_stays_proposed_until_the_condition_is_satisfied()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var extension = await api.RecordCondition("Extension agreed", expectedBy: "2026-06-30");
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, "floating-power", conditionIds: [extension]));
        var milestone = (await api.Post($"/api/commitments/{commitment}/milestones", new
        {
            title = "Feasibility study", due = new { days = 90, after = new { conditionId = extension } }, ownerPartyId = supplier, illustrative = true
        }, "editor")).ShouldBe(201).Id;

        (await api.StatusOf(commitment)).ShouldBe("Proposed");
        var pending = (await api.Get($"/api/milestones/{milestone}")).Body!["milestone"]!;
        pending["state"]!.GetValue<string>().ShouldBe("pending");
        pending["pendingOn"]!.GetValue<string>().ShouldBe("condition 'Extension agreed'");
        pending["dueOn"].ShouldBeNull();

        var today = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime);
        (await api.Post($"/api/conditions/{extension}/satisfy", new { on = today }, "editor")).ShouldBe(200);

        (await api.StatusOf(commitment)).ShouldBe("Active");
        var planned = (await api.Get($"/api/milestones/{milestone}")).Body!["milestone"]!;
        planned["dueOn"]!.GetValue<string>().ShouldBe(today.AddDays(90).ToString("yyyy-MM-dd"));
        planned["state"]!.GetValue<string>().ShouldBe("planned");
        var condition = (await api.Get($"/api/conditions/{extension}")).Body!;
        condition["status"]!.GetValue<string>().ShouldBe("Satisfied");
        condition["waitingCommitments"]!.AsArray().ShouldHaveSingleItem()!.GetValue<Guid>().ShouldBe(commitment);
    }

    [Fact]
    public async Task a_condition_tied_to_a_definitive_agreement_is_satisfied_by_its_signature_and_activates_what_waited()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var definitive = await api.DraftAgreement("Definitive supply agreement", [(supplier, "Signatory"), (buyer, "Signatory")],
            kind: "DefinitiveAgreement");
        await api.RecordProvision(definitive, "1", binding: true);
        var signedDa = await api.RecordCondition("Definitive agreement signed", satisfiedWhenAgreementSigned: definitive);
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, conditionIds: [signedDa]));

        await api.Sign(definitive, new DateOnly(2026, 2, 1), supplier, buyer);

        var condition = (await api.Get($"/api/conditions/{signedDa}")).Body!;
        condition["status"]!.GetValue<string>().ShouldBe("Satisfied");
        condition["satisfiedAutomatically"]!.GetValue<bool>().ShouldBeTrue();
        condition["settledOn"]!.GetValue<string>().ShouldBe("2026-02-01");
        (await api.StatusOf(commitment)).ShouldBe("Active");
    }

    [Fact]
    public async Task what_is_not_valid_or_breaks_a_rule_is_refused_and_nothing_is_written()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var stranger = await api.RegisterParty("Nvidia");
        var before = await api.EventCount();

        var invalid = await api.Post($"/api/agreements/{loi}/commitments", new
        {
            obligorPartyIds = new[] { supplier }, beneficiaryPartyIds = new[] { supplier }, workstream = "semiconductors", title = "",
            terms = "x", binding = (bool?)null, quantity = new { amount = -1, unit = "wafers", per = "month", kind = "up-to" }
        }, "editor");
        var notAParty = await api.Post($"/api/agreements/{loi}/commitments", Driving.Commitment(stranger, buyer), "editor");
        var unknownCondition = await api.Post($"/api/agreements/{loi}/commitments",
            Driving.Commitment(supplier, buyer, conditionIds: [Guid.CreateVersion7()]), "editor");
        var bindingUnderNonBinding = await api.Post($"/api/agreements/{loi}/commitments",
            Driving.Commitment(supplier, buyer, binding: true, provisionRef: "§2"), "editor");
        var unknownAgreement = await api.Post($"/api/agreements/{Guid.CreateVersion7()}/commitments", Driving.Commitment(supplier, buyer), "editor");

        invalid.ShouldBe(400);
        invalid.ErrorsFor("workstream").ShouldHaveSingleItem().ShouldStartWith("Use a workstream of the catalogue: memory-supply");
        invalid.ErrorsFor("beneficiaryPartyIds").ShouldBe(["A party does not promise something to itself: it is both obligor and beneficiary."]);
        invalid.ErrorsFor("title").ShouldNotBeEmpty();
        invalid.ErrorsFor("binding").ShouldBe(["Say whether the commitment is binding."]);
        invalid.ErrorsFor("quantity.amount").ShouldNotBeEmpty();
        notAParty.ShouldBe(422).Rule.ShouldBe("not-a-party");
        unknownCondition.ShouldBe(422).Rule.ShouldBe("unknown-condition");
        bindingUnderNonBinding.ShouldBe(422).Rule.ShouldBe("binding-needs-binding-provision");
        unknownAgreement.ShouldBe(404);
        (await api.EventCount()).ShouldBe(before);
    }
}
