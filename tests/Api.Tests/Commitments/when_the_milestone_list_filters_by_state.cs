namespace LoiTracker.Api.Tests.Commitments;

/// <summary>
/// The milestone list filters by state in PostgreSQL, on the schedule view the daemon keeps; a milestone's own page
/// judges its state with the Domain's rule. The two must always agree.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class when_the_milestone_list_filters_by_state(ApiHost api) : ApiWithSignedLoi(api)
{
    private DateOnly Today => DateOnly.FromDateTime(Api.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).DateTime);

    private async Task<Guid> Plan(Guid commitment, object milestone) =>
        (await Api.Post($"/api/commitments/{commitment}/milestones", milestone, "editor")).ShouldBe(201).Id;

    [Fact]
    public async Task every_state_the_list_filters_on_is_the_state_each_milestone_reports()
    {
        var active = await Api.MakeCommitment(Loi, Driving.Commitment(Supplier, Buyer, title: "Active supply"));
        var closing = await Api.MakeCommitment(Loi, Driving.Commitment(Supplier, Buyer, title: "Withdrawn supply"));
        var planned = await Plan(active, new { title = "Far", dueOn = Today.AddDays(60), ownerPartyId = Supplier });
        var soon = await Plan(active, new { title = "Soon", dueOn = Today.AddDays(5), ownerPartyId = Supplier });
        var late = await Plan(active, new { title = "Late", dueOn = Today.AddDays(-3), ownerPartyId = Supplier });
        var pending = await Plan(active, new { title = "After far", due = new { days = 10, after = new { milestoneId = planned } }, ownerPartyId = Supplier });
        var done = await Plan(active, new { title = "Done", dueOn = Today.AddDays(-10), ownerPartyId = Supplier });
        var closed = await Plan(closing, new { title = "Nobody waits", dueOn = Today.AddDays(-1), ownerPartyId = Supplier });
        (await Api.Post($"/api/commitments/{active}/milestones/{done}/complete", new { completedOn = Today.AddDays(-1) }, "editor")).ShouldBe(200);
        (await Api.Post($"/api/commitments/{closing}/withdraw", new { reason = "No longer pursued" })).ShouldBe(200);
        Guid[] mine = [planned, soon, late, pending, done, closed];

        await Api.WaitForProjections();

        foreach (var state in new[] { "planned", "due-soon", "overdue", "pending", "completed", "closed" })
        {
            var listed = (await Api.Get($"/api/milestones?party={Supplier}&state={state}&pageSize=500")).ShouldBe(200).Body!["items"]!.AsArray()
                .Select(i => i!["milestone"]!["id"]!.GetValue<Guid>()).Where(mine.Contains).ToHashSet();
            var reported = new HashSet<Guid>();
            foreach (var id in mine)
                if ((await Api.Get($"/api/milestones/{id}")).Body!["milestone"]!["state"]!.GetValue<string>() == state) reported.Add(id);
            listed.ShouldBe(reported, ignoreOrder: true, customMessage: state);
            reported.Count.ShouldBe(1, state);
        }
    }

    [Fact]
    public async Task moving_the_clock_moves_a_milestone_between_states_without_any_event()
    {
        var commitment = await Api.MakeCommitment(Loi, Driving.Commitment(Supplier, Buyer));
        var milestone = await Plan(commitment, new { title = "Allocation", dueOn = Today.AddDays(20), ownerPartyId = Supplier });
        await Api.WaitForProjections();

        async Task<bool> Listed(string state) =>
            (await Api.Get($"/api/milestones?party={Supplier}&state={state}")).Body!["items"]!.AsArray()
            .Any(i => i!["milestone"]!["id"]!.GetValue<Guid>() == milestone);

        (await Listed("planned")).ShouldBeTrue();
        Api.Clock.Advance(TimeSpan.FromDays(10));
        (await Listed("due-soon")).ShouldBeTrue();
        Api.Clock.Advance(TimeSpan.FromDays(11));
        (await Listed("overdue")).ShouldBeTrue();
        (await Listed("planned")).ShouldBeFalse();
    }
}
