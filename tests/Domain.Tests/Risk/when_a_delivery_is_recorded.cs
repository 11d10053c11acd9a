using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Risk;

namespace LoiTracker.Domain.Tests.Risk;

/// <summary>
/// A delivery can move its commitment's risk only through the shortfall rule, which reads the last complete period in
/// the agreement's zone: the daemon works a delivered commitment out again only then (ADR 17).
/// </summary>
public sealed class when_a_delivery_is_recorded
{
    // 2026-03-31 20:00 UTC is already 1 April in Seoul: March is complete there, not yet in Los Angeles.
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 20, 0, 0, TimeSpan.Zero);
    private static readonly Quantity AtLeastMonthly = new(100, "DRAM wafers", QuantityPer.Month, QuantityKind.AtLeast);

    [Theory]
    [InlineData("2026-03", "Asia/Seoul", true)]
    [InlineData("2026-04", "Asia/Seoul", false)]
    [InlineData("2026-02", "Asia/Seoul", false)]
    [InlineData("2026-02", "America/Los_Angeles", true)]
    [InlineData("2026-03", "America/Los_Angeles", false)]
    public void only_the_last_complete_period_in_the_agreements_zone_can_move_an_at_least_quantity(string period, string zone, bool moves) =>
        RiskRules.DeliveriesCanMove(AtLeastMonthly, [period], zone, Now).ShouldBe(moves);

    [Fact]
    public void an_up_to_quantity_or_a_total_never_falls_short_so_no_delivery_moves_it()
    {
        RiskRules.DeliveriesCanMove(AtLeastMonthly with { Kind = QuantityKind.UpTo }, ["2026-02"], "America/Los_Angeles", Now).ShouldBeFalse();
        RiskRules.DeliveriesCanMove(AtLeastMonthly with { Per = QuantityPer.Total }, ["2026-02", "2026-03", "total"], "UTC", Now).ShouldBeFalse();
        RiskRules.DeliveriesCanMove(null, ["2026-02"], "UTC", Now).ShouldBeFalse();
    }
}
