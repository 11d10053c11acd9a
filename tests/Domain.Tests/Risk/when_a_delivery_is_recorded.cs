using CsCheck;
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
    [Theory]
    [InlineData("2026-03", true)]   // the last complete month in Seoul
    [InlineData("2026-02", true)]   // and in Los Angeles
    [InlineData("2026-Q1", true)]   // the last complete quarter in Seoul
    [InlineData("2025-Q4", true)]   // and in Los Angeles
    [InlineData("2025", true)]      // the last complete year everywhere
    [InlineData("2026-01", false)]  // older: complete everywhere long ago
    [InlineData("2026-04", false)]  // this period, still running everywhere
    [InlineData("2025-Q3", false)]
    [InlineData("total", false)]
    public void before_reading_the_commitment_the_daemon_keeps_only_a_period_that_is_the_last_complete_one_in_some_zone(string period, bool kept) =>
        RiskRules.DeliveryCanMoveAnywhere(period, Now).ShouldBe(kept);

    private static readonly string[] Zones = ["Etc/GMT+12", "Pacific/Pago_Pago", "America/Los_Angeles", "UTC", "Asia/Seoul", "Pacific/Chatham", "Pacific/Kiritimati"];

    [Fact]
    public void a_delivery_that_can_move_a_commitments_risk_always_passes_the_check_made_before_reading_it() =>
        Gen.Select(Gen.Int[0, 2], Gen.Bool, Gen.Int[0, Zones.Length - 1], Gen.Long[0, 4L * 366 * 24 * 60], Gen.Int[-3, 3])
            .Sample((per, upTo, zone, minutes, shift) =>
            {
                var quantity = new Quantity(100, "DRAM wafers", (QuantityPer)per, upTo ? QuantityKind.UpTo : QuantityKind.AtLeast);
                var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(minutes);
                // A period near now: the one a day in the zone's today falls in, shifted by up to three periods either way.
                var today = DateOnly.FromDateTime(now.UtcDateTime);
                var day = quantity.Per switch { QuantityPer.Month => today.AddMonths(shift), QuantityPer.Quarter => today.AddMonths(3 * shift), _ => today.AddYears(shift) };
                var period = quantity.PeriodOf(day);
                return !RiskRules.DeliveriesCanMove(quantity, [period], Zones[zone], now) || RiskRules.DeliveryCanMoveAnywhere(period, now);
            }, iter: 20_000);
}
