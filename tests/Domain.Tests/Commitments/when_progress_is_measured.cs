using LoiTracker.Domain.Commitments;

namespace LoiTracker.Domain.Tests.Commitments;

/// <summary>Deliveries against a quantity: utilisation for up-to, shortfall for at-least and exactly, in today's and the last complete period.</summary>
public sealed class when_progress_is_measured
{
    private static readonly Dictionary<string, decimal> Delivered = new() { ["2026-02"] = 400, ["2026-03"] = 250 };

    [Fact]
    public void an_up_to_quantity_shows_utilisation_and_never_a_shortfall()
    {
        var progress = QuantityProgress.Of(new Quantity(1000, "wafers", QuantityPer.Month, QuantityKind.UpTo), Delivered, 650, new DateOnly(2026, 3, 15));

        progress.Period.ShouldBe("2026-03");
        progress.Delivered.ShouldBe(250);
        progress.Utilisation.ShouldBe(0.25m);
        progress.Shortfall.ShouldBeNull();
    }

    [Fact]
    public void an_at_least_quantity_shows_what_is_missing_in_the_period()
    {
        var progress = QuantityProgress.Of(new Quantity(1000, "wafers", QuantityPer.Month, QuantityKind.AtLeast), Delivered, 650, new DateOnly(2026, 3, 15));

        progress.Shortfall.ShouldBe(750);
        progress.Utilisation.ShouldBeNull();
    }

    [Fact]
    public void the_last_complete_period_is_the_one_before_today_and_only_once_the_commitment_counted()
    {
        var monthly = new Quantity(1000, "wafers", QuantityPer.Month, QuantityKind.Exactly);

        var last = QuantityProgress.InLastCompletePeriod(monthly, Delivered, 650, new DateOnly(2026, 3, 15), countingFrom: new DateOnly(2026, 1, 1))!;
        var tooEarly = QuantityProgress.InLastCompletePeriod(monthly, Delivered, 650, new DateOnly(2026, 3, 15), countingFrom: new DateOnly(2026, 2, 10));

        last.Period.ShouldBe("2026-02");
        last.Shortfall.ShouldBe(600);
        tooEarly.ShouldBeNull();
    }

    [Fact]
    public void a_total_never_has_a_complete_period_and_a_ramp_sets_the_amount()
    {
        var total = new Quantity(5000, "wafers", QuantityPer.Total, QuantityKind.AtLeast);
        var ramp = new Quantity(1000, "wafers", QuantityPer.Quarter, QuantityKind.AtLeast, [new RampStep(new DateOnly(2026, 4, 1), 3000)]);

        QuantityProgress.InLastCompletePeriod(total, Delivered, 650, new DateOnly(2026, 3, 15), new DateOnly(2025, 1, 1)).ShouldBeNull();
        QuantityProgress.Of(total, Delivered, 650, new DateOnly(2026, 3, 15)).Shortfall.ShouldBe(4350);
        QuantityProgress.Of(ramp, new Dictionary<string, decimal>(), 0, new DateOnly(2026, 5, 1)).Amount.ShouldBe(3000);
        QuantityProgress.Of(ramp, new Dictionary<string, decimal>(), 0, new DateOnly(2026, 5, 1)).Period.ShouldBe("2026-Q2");
    }
}
