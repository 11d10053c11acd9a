namespace LoiTracker.Api.Tests.Commitments;

/// <summary>
/// The timeline asks for the milestones of one page of commitments at once (ADR 24): <c>commitment</c> may be repeated,
/// returns those commitments' milestones only, and refuses more ids than a query string should carry.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class when_the_milestone_list_is_asked_for_some_commitments(ApiHost api) : ApiWithSignedLoi(api)
{
    private async Task<Guid> Plan(Guid commitment, string title) =>
        (await Api.Post($"/api/commitments/{commitment}/milestones", new { title, dueOn = "2027-06-30", ownerPartyId = Supplier }, "editor"))
        .ShouldBe(201).Id;

    [Fact]
    public async Task only_the_named_commitments_milestones_are_listed()
    {
        var memory = await Api.MakeCommitment(Loi, Driving.Commitment(Supplier, Buyer, title: "Memory"));
        var design = await Api.MakeCommitment(Loi, Driving.Commitment(Supplier, Buyer, title: "Design"));
        var other = await Api.MakeCommitment(Loi, Driving.Commitment(Supplier, Buyer, title: "Other"));
        Guid[] wanted = [await Plan(memory, "Allocation"), await Plan(design, "Reference design")];
        await Plan(other, "Not asked for");
        await Api.WaitForProjections();

        var listed = (await Api.Get($"/api/milestones?commitment={memory}&commitment={design}&pageSize=500")).ShouldBe(200).Body!;
        listed["items"]!.AsArray().Select(i => i!["milestone"]!["id"]!.GetValue<Guid>()).ShouldBe(wanted, ignoreOrder: true);
        listed["total"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task more_than_a_hundred_commitments_is_a_400_naming_the_parameter()
    {
        var query = string.Join("&", Enumerable.Range(0, 101).Select(_ => $"commitment={Guid.NewGuid()}"));
        (await Api.Get($"/api/milestones?{query}")).ShouldBe(400).ErrorsFor("commitment").ShouldNotBeEmpty();
    }
}
