namespace LoiTracker.Api.Tests.Commitments;

[Collection(ApiCollection.Name)]
public sealed class when_planning_milestones(ApiHost api)
{
    private DateOnly Today => DateOnly.FromDateTime(api.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).DateTime);

    private async Task<string> StateOf(Guid milestone) =>
        (await api.Get($"/api/milestones/{milestone}")).ShouldBe(200).Body!["milestone"]!["state"]!.GetValue<string>();

    [Fact]
    public async Task a_milestone_is_planned_then_due_soon_then_overdue_as_the_clock_moves_and_completed_with_evidence()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer));
        var due = Today.AddDays(30);
        var milestone = (await api.Post($"/api/commitments/{commitment}/milestones", new
        {
            title = "First wafer allocation", dueOn = due, ownerPartyId = supplier, assignee = "ada@example.com"
        }, "editor")).ShouldBe(201).Id;

        (await StateOf(milestone)).ShouldBe("planned");
        api.Clock.Advance(TimeSpan.FromDays(20));
        (await StateOf(milestone)).ShouldBe("due-soon");
        // The due date ends at midnight in Seoul (the agreement's deadline time zone), 15:00 UTC the day before.
        api.Clock.SetUtcNow(new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(15).AddMinutes(-1));
        (await StateOf(milestone)).ShouldBe("due-soon");
        api.Clock.Advance(TimeSpan.FromMinutes(1));
        (await StateOf(milestone)).ShouldBe("overdue");
        var row = (await api.Get($"/api/commitments?agreement={loi}")).Body!["items"]![0]!;
        row["overdueCount"]!.GetValue<int>().ShouldBe(1);
        row["nextMilestone"]!["state"]!.GetValue<string>().ShouldBe("overdue");
        // The milestone list reads the schedule view the daemon keeps: wait for it rather than sleep.
        await api.WaitForProjections();
        (await api.Get($"/api/milestones?party={supplier}&state=overdue")).Body!["total"]!.GetValue<long>().ShouldBe(1);
        (await api.Get($"/api/milestones?assignee=ada@example.com&state=overdue")).Body!["total"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(1);

        (await api.Post($"/api/commitments/{commitment}/milestones/{milestone}/complete", new
        {
            completedOn = due, evidence = new { name = "allocation.pdf", sha256 = new string('b', 64) }
        }, "editor")).ShouldBe(200);
        (await StateOf(milestone)).ShouldBe("completed");
        var again = await api.Post($"/api/commitments/{commitment}/milestones/{milestone}/complete", new { completedOn = due }, "editor");
        again.ShouldBe(422).Title.ShouldBe("Milestone 'First wafer allocation' is already completed");
    }

    [Fact]
    public async Task a_relative_milestone_moves_with_its_anchor_and_a_reschedule_needs_a_reason()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, "datacenter-construction"));
        var site = (await api.Post($"/api/commitments/{commitment}/milestones", new { title = "Site selected", dueOn = Today.AddDays(60), ownerPartyId = supplier }, "editor")).Id;
        var goLive = (await api.Post($"/api/commitments/{commitment}/milestones", new
        {
            title = "Go live", due = new { days = 365, after = new { milestoneId = site } }, ownerPartyId = supplier
        }, "editor")).ShouldBe(201).Id;

        var waiting = (await api.Get($"/api/milestones/{goLive}")).Body!["milestone"]!;
        waiting["state"]!.GetValue<string>().ShouldBe("pending");
        waiting["pendingOn"]!.GetValue<string>().ShouldBe("the completion of 'Site selected'");

        (await api.Post($"/api/commitments/{commitment}/milestones/{site}/reschedule", new { dueOn = Today.AddDays(90) }, "editor"))
            .ShouldBe(400).ErrorsFor("reason").ShouldNotBeEmpty();
        (await api.Post($"/api/commitments/{commitment}/milestones/{site}/reschedule", new { dueOn = Today.AddDays(90), reason = "Permit delayed" }, "editor"))
            .ShouldBe(200);
        var moved = (await api.Get($"/api/milestones/{site}")).Body!["milestone"]!;
        moved["dueOn"]!.GetValue<string>().ShouldBe(Today.AddDays(90).ToString("yyyy-MM-dd"));
        moved["reschedules"]![0]!["reason"]!.GetValue<string>().ShouldBe("Permit delayed");

        (await api.Post($"/api/commitments/{commitment}/milestones/{site}/complete", new { completedOn = Today }, "editor")).ShouldBe(200);
        (await api.Get($"/api/milestones/{goLive}")).Body!["milestone"]!["dueOn"]!.GetValue<string>()
            .ShouldBe(Today.AddDays(365).ToString("yyyy-MM-dd"));
    }

    [Fact]
    public async Task a_milestone_of_a_commitment_under_a_draft_waits_on_the_signature_and_its_owner_must_be_a_party()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi(sign: false);
        var stranger = await api.RegisterParty("Nvidia");
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer));

        var milestone = (await api.Post($"/api/commitments/{commitment}/milestones", new { title = "Kick-off", dueOn = Today.AddDays(-5), ownerPartyId = buyer }, "editor")).Id;
        var refused = await api.Post($"/api/commitments/{commitment}/milestones", new { title = "x", dueOn = Today, ownerPartyId = stranger }, "editor");

        (await StateOf(milestone)).ShouldBe("pending");
        refused.ShouldBe(422).Rule.ShouldBe("owner-not-a-party");
        (await api.Post($"/api/commitments/{commitment}/milestones", new { title = "x", ownerPartyId = buyer }, "editor"))
            .ShouldBe(400).ErrorsFor("dueOn").ShouldNotBeEmpty();
        (await api.Post($"/api/commitments/{commitment}/milestones/{Guid.CreateVersion7()}/complete", new { completedOn = Today }, "editor"))
            .ShouldBe(404);
    }
}
