using System.Text.RegularExpressions;
using LoiTracker.Api.Commitments;

namespace LoiTracker.Api.Tests.Risk;

/// <summary>
/// Deliveries feed only their own commitment's risk (a shortfall in the last complete period), never a dependent's:
/// a delivery that covers the shortfall clears the risk and, through it, what depends on it; a delivery that leaves
/// the risk as it was rewrites nothing, so its <c>asOf</c> stays (ADR 17, docs/benchmarks.md: each rewrite costs the
/// GIN index that "what depends on X" reads).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class when_deliveries_arrive(ApiHost api) : ApiWithSignedLoi(api)
{
    private async Task<RiskSummary> RiskOf(Guid commitment) =>
        (await Api.Get($"/api/commitments/{commitment}")).ShouldBe(200).As<CommitmentDetails>().Risk;

    [Fact]
    public async Task covering_the_shortfall_clears_the_chain_and_a_delivery_that_changes_nothing_rewrites_nothing()
    {
        // At least 100 wafers a month since the signing (2025-10-01), none delivered; the fab plan depends on the supply.
        var supply = await Api.MakeCommitment(Loi, Driving.Commitment(Supplier, Buyer, quantity: Driving.MonthlyWafers(100, "at-least")));
        var plan = await Api.MakeCommitment(Loi, Driving.Commitment(Buyer, Supplier, title: "Fab plan"));
        (await Api.Post($"/api/commitments/{plan}/dependencies", new { dependsOnCommitmentId = supply }, "editor")).ShouldBe(201);
        await Api.WaitForProjections();

        var short1 = await RiskOf(supply);
        short1.Level.ShouldBe("at-risk");
        var shortfall = short1.Reasons.Single(r => r.Cause == "shortfall").Summary;
        shortfall.ShouldContain("0 of 100 DRAM wafers delivered");
        var period = ShortIn().Match(shortfall).Groups[1].Value;
        var planBefore = await RiskOf(plan);
        planBefore.Level.ShouldBe("at-risk");
        planBefore.Reasons.ShouldContain(r => r.Cause == "depends-on-risk");

        // Next year's wafers: the last complete period is still short, so nothing about either risk changes.
        Api.Clock.Advance(TimeSpan.FromSeconds(5));
        (await Api.Post($"/api/commitments/{supply}/deliveries", new { period = "2099-01", quantity = 500 }, "editor")).ShouldBe(201);
        await Api.WaitForProjections();
        var unchanged = await RiskOf(supply);
        unchanged.Level.ShouldBe("at-risk");
        unchanged.Reasons.Select(r => r.Summary).ShouldBe(short1.Reasons.Select(r => r.Summary));
        unchanged.AsOf.ShouldBe(short1.AsOf);
        (await RiskOf(plan)).AsOf.ShouldBe(planBefore.AsOf);

        // The short period's wafers: the shortfall is gone, and with it the fab plan's inherited risk.
        (await Api.Post($"/api/commitments/{supply}/deliveries", new { period, quantity = 100 }, "editor")).ShouldBe(201);
        await Api.WaitForProjections();
        var covered = await RiskOf(supply);
        covered.Level.ShouldBeNull();
        covered.Reasons.ShouldBeEmpty();
        covered.AsOf.ShouldNotBe(short1.AsOf);
        var planAfter = await RiskOf(plan);
        planAfter.Level.ShouldBeNull();
        planAfter.Reasons.ShouldNotContain(r => r.Cause == "depends-on-risk");
    }

    [GeneratedRegex(@"fell short in (\S+):")]
    private static partial Regex ShortIn();
}
