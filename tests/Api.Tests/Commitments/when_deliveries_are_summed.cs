using LoiTracker.Api.Commitments;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Projections.Commitments;
using Marten;

namespace LoiTracker.Api.Tests.Commitments;

/// <summary>
/// Deliveries are summed by the daemon (so a read never sums a stream's history) and a read adds the deliveries it has
/// not folded yet: after a 201 the totals include that delivery, and nothing is ever counted twice.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class when_deliveries_are_summed(ApiHost api) : ApiWithActiveCommitment(api)
{
    /// <summary>What the register row and the commitment's page both say was delivered in the period (they must agree).</summary>
    private async Task<decimal> Delivered(string period)
    {
        var row = (await Api.Get($"/api/commitments?agreement={Loi}")).As<PageOf<RegisterRow>>().Items.Single(r => r.Id == Commitment);
        var page = (await Api.Get($"/api/commitments/{Commitment}")).As<CommitmentDetails>().DeliveredByPeriod.GetValueOrDefault(period);
        row.Quantity!.Period.ShouldBe(period);
        row.Quantity.Delivered.ShouldBe(page);
        return page;
    }

    [Fact]
    public async Task a_read_right_after_a_delivery_includes_it_whether_or_not_the_daemon_has_folded_it()
    {
        var period = Api.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM");
        for (var i = 1; i <= 5; i++)
        {
            (await Api.Post($"/api/commitments/{Commitment}/deliveries", new { period, quantity = 10 }, "editor")).ShouldBe(201);
            (await Delivered(period)).ShouldBe(10 * i);
        }

        await Api.WaitForProjections();
        (await Delivered(period)).ShouldBe(50);
        var detail = (await Api.Get($"/api/commitments/{Commitment}")).As<CommitmentDetails>();
        detail.DeliveryCount.ShouldBe(5);
        (await Api.Get($"/api/commitments/{Commitment}/deliveries")).As<PageOf<Projections.Reading.DeliveryView>>().Total.ShouldBe(5);

        (await Api.Post($"/api/commitments/{Commitment}/deliveries", new { period, quantity = 1 }, "editor")).ShouldBe(201);
        (await Delivered(period)).ShouldBe(51);
    }

    [Fact]
    public async Task the_daemon_keeps_the_totals_under_the_progress_name_the_reads_look_up()
    {
        (await Api.Post($"/api/commitments/{Commitment}/deliveries", new { period = "2026-02", quantity = 3 }, "editor")).ShouldBe(201);
        await Api.WaitForProjections();

        var progress = await Api.Store.Advanced.AllProjectionProgress();
        progress.Select(p => p.ShardName).ShouldContain(DeliveryTotalsProjection.ProgressName);
        await using var session = Api.Store.QuerySession();
        var totals = (await session.LoadAsync<DeliveryTotals>(Commitment))!;
        totals.Total.ShouldBe(3);
        totals.ByPeriod["2026-02"].ShouldBe(3);
    }
}
