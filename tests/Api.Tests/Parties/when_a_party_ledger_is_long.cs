using LoiTracker.Api.Parties;
using LoiTracker.Domain.Commitments;

namespace LoiTracker.Api.Tests.Parties;

/// <summary>A party's ledger stays the same size however many commitments it has: each group is counted, its first ones listed.</summary>
[Collection(ApiCollection.Name)]
public sealed class when_a_party_ledger_is_long(ApiHost api) : ApiWithSignedLoi(api)
{
    [Fact]
    public async Task each_group_counts_everything_and_lists_the_first_page_with_a_link_to_the_rest()
    {
        for (var i = 1; i <= 25; i++)
            await Api.MakeCommitment(Loi, Driving.Commitment(Supplier, Buyer, title: $"Line {i:D2}"));

        var ledger = (await Api.Get($"/api/parties/{Supplier}/ledger")).ShouldBe(200).As<PartyLedger>();
        var small = (await Api.Get($"/api/parties/{Supplier}/ledger?perGroup=5")).ShouldBe(200).As<PartyLedger>();

        var group = ledger.Owes.ShouldHaveSingleItem();
        group.Count.ShouldBe(25);
        group.Status.ShouldBe(CommitmentStatus.Active);
        group.Commitments.Count.ShouldBe(20);
        group.Commitments[0].Title.ShouldBe("Line 01");
        small.Owes[0].Commitments.Count.ShouldBe(5);
        (await Api.Get(group.Register)).ShouldBe(200).Body!["total"]!.GetValue<long>().ShouldBe(25);
        ledger.IsOwed.ShouldBeEmpty();
        (await Api.Get($"/api/parties/{Supplier}/ledger?perGroup=1000")).ShouldBe(400).ErrorsFor("perGroup").ShouldNotBeEmpty();
    }
}
