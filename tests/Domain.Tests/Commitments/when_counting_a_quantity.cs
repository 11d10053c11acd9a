using LoiTracker.Domain.Commitments;

namespace LoiTracker.Domain.Tests.Commitments;

public sealed class when_counting_a_quantity
{
    private static Quantity Per(QuantityPer per, params RampStep[] ramp) =>
        new(900_000m, "DRAM wafers", per, QuantityKind.UpTo, ramp.Length == 0 ? null : ramp);

    private static readonly DateOnly MidMay = new(2026, 5, 15);

    [Theory]
    [InlineData(QuantityPer.Month, "2026-05")]
    [InlineData(QuantityPer.Quarter, "2026-Q2")]
    [InlineData(QuantityPer.Year, "2026")]
    [InlineData(QuantityPer.Total, "total")]
    public void a_day_falls_in_the_period_deliveries_are_counted_for(QuantityPer per, string period)
    {
        Per(per).PeriodOf(MidMay).ShouldBe(period);
    }

    [Theory]
    [InlineData(2026, 1, 1, "2026-Q1")]
    [InlineData(2026, 3, 31, "2026-Q1")]
    [InlineData(2026, 4, 1, "2026-Q2")]
    [InlineData(2026, 9, 30, "2026-Q3")]
    [InlineData(2026, 12, 31, "2026-Q4")]
    public void quarters_start_in_january_april_july_and_october(int year, int month, int day, string quarter)
    {
        Per(QuantityPer.Quarter).PeriodOf(new DateOnly(year, month, day)).ShouldBe(quarter);
    }

    [Fact]
    public void a_month_is_written_with_two_digits_and_a_four_digit_year()
    {
        Per(QuantityPer.Month).PeriodOf(new DateOnly(987, 3, 1)).ShouldBe("0987-03");
    }

    [Theory]
    [InlineData("2026-03", true)]
    [InlineData("2026-01", true)]
    [InlineData("2026-12", true)]
    [InlineData("2026-13", false)]
    [InlineData("2026-00", false)]
    [InlineData("2026-3", false)]
    [InlineData("2026-Q2", false)]
    [InlineData("2026", false)]
    [InlineData("March 2026", false)]
    public void a_monthly_quantity_accepts_a_real_month_only(string period, bool accepted)
    {
        Per(QuantityPer.Month).AcceptsPeriod(period).ShouldBe(accepted);
    }

    [Theory]
    [InlineData("2026-Q1", true)]
    [InlineData("2026-Q4", true)]
    [InlineData("2026-Q5", false)]
    [InlineData("2026-Q0", false)]
    [InlineData("2026-q2", false)]
    [InlineData("2026-03", false)]
    [InlineData("2026", false)]
    public void a_quarterly_quantity_accepts_a_quarter_only(string period, bool accepted)
    {
        Per(QuantityPer.Quarter).AcceptsPeriod(period).ShouldBe(accepted);
    }

    [Theory]
    [InlineData("2026", true)]
    [InlineData("26", false)]
    [InlineData("2026-03", false)]
    [InlineData("2026-Q1", false)]
    public void a_yearly_quantity_accepts_a_year_only(string period, bool accepted)
    {
        Per(QuantityPer.Year).AcceptsPeriod(period).ShouldBe(accepted);
    }

    [Theory]
    [InlineData("2026-03", true)]
    [InlineData("2026-Q1", true)]
    [InlineData("2026", true)]
    [InlineData("2026-Q5", false)]
    [InlineData("soon", false)]
    public void a_total_quantity_accepts_a_month_quarter_or_year(string period, bool accepted)
    {
        Per(QuantityPer.Total).AcceptsPeriod(period).ShouldBe(accepted);
    }

    [Fact]
    public void a_total_quantity_refuses_a_month_that_does_not_exist()
    {
        // As a monthly quantity does: 2026-13 and 2026-00 are no months.
        var total = Per(QuantityPer.Total);

        total.AcceptsPeriod("2026-13").ShouldBeFalse();
        total.AcceptsPeriod("2026-00").ShouldBeFalse();
    }

    [Fact]
    public void each_period_example_is_accepted_by_its_own_quantity()
    {
        foreach (var per in Enum.GetValues<QuantityPer>())
        {
            var quantity = Per(per);
            var example = quantity.PeriodExample[(quantity.PeriodExample.LastIndexOf(' ') + 1)..];
            quantity.AcceptsPeriod(example).ShouldBeTrue($"{per}: {quantity.PeriodExample}");
        }
    }

    [Fact]
    public void without_a_ramp_the_base_amount_applies_every_day()
    {
        var quantity = Per(QuantityPer.Month);

        quantity.AmountOn(new DateOnly(2020, 1, 1)).ShouldBe(900_000m);
        quantity.AmountOn(new DateOnly(2030, 1, 1)).ShouldBe(900_000m);
    }

    [Fact]
    public void with_a_ramp_the_latest_step_started_applies()
    {
        // Steps given out of order: the amount follows the dates, not the list.
        var quantity = Per(QuantityPer.Month,
            new RampStep(new DateOnly(2027, 1, 1), 900_000m),
            new RampStep(new DateOnly(2026, 1, 1), 300_000m),
            new RampStep(new DateOnly(2026, 7, 1), 600_000m)) with { Amount = 100_000m };

        quantity.AmountOn(new DateOnly(2025, 12, 31)).ShouldBe(100_000m, "before the first step the base amount applies");
        quantity.AmountOn(new DateOnly(2026, 1, 1)).ShouldBe(300_000m, "a step applies from its first day");
        quantity.AmountOn(new DateOnly(2026, 6, 30)).ShouldBe(300_000m);
        quantity.AmountOn(new DateOnly(2026, 7, 1)).ShouldBe(600_000m);
        quantity.AmountOn(new DateOnly(2026, 12, 31)).ShouldBe(600_000m);
        quantity.AmountOn(new DateOnly(2031, 1, 1)).ShouldBe(900_000m);
    }
}
