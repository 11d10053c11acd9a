using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using static LoiTracker.Domain.Tests.Given;
using static LoiTracker.Domain.Tests.Commitments.GivenCommitments;

namespace LoiTracker.Domain.Tests.Commitments;

public sealed class when_recording_deliveries
{
    private static readonly Guid DeliveryId = Guid.CreateVersion7();
    private static readonly Evidence Invoice = new("invoice-2026-03.pdf", new string('a', 64));

    [Fact]
    public void an_active_commitment_records_what_was_delivered_in_a_period()
    {
        var delivered = Active(quantity: Wafers).RecordDelivery(DeliveryId, "2026-03", 250_000m, Invoice);

        delivered.ShouldBe(new DeliveryRecorded(DeliveryId, "2026-03", 250_000m, Invoice));
    }

    [Fact]
    public void deliveries_still_count_under_a_breach_notice()
    {
        var active = Active(binding: true, quantity: Wafers);
        var noticed = active.After(active.NoticeBreach(Today.AddDays(30), "Short delivery", null, Today));

        noticed.RecordDelivery(DeliveryId, "2026-03", 1m, null).Period.ShouldBe("2026-03");
    }

    [Fact]
    public void a_proposed_commitment_takes_no_deliveries()
    {
        var proposed = Made(DraftLoi(), Terms(quantity: Wafers));

        var refusal = Should.Throw<RuleViolation>(() => proposed.RecordDelivery(DeliveryId, "2026-03", 1m, null));

        refusal.Rule.ShouldBe("commitment-not-active");
        refusal.Title.ShouldBe("'Supply DRAM wafers' is not firm yet: deliveries count once it is active");
    }

    [Fact]
    public void a_commitment_without_a_quantity_takes_no_deliveries()
    {
        Should.Throw<RuleViolation>(() => Active(quantity: null).RecordDelivery(DeliveryId, "2026-03", 1m, null))
            .Rule.ShouldBe("no-quantity");
    }

    [Theory]
    [InlineData("2026-Q1")]
    [InlineData("2026")]
    [InlineData("2026-13")]
    [InlineData("03/2026")]
    public void the_period_is_written_the_way_the_quantity_counts(string period)
    {
        var refusal = Should.Throw<RuleViolation>(() => Active(quantity: Wafers).RecordDelivery(DeliveryId, period, 1m, null));

        refusal.Rule.ShouldBe("period-format");
        refusal.Title.ShouldBe("Deliveries against 'Supply DRAM wafers' are counted per month: give a month, such as 2026-03");
    }

    [Fact]
    public void a_quarterly_quantity_takes_quarters()
    {
        var quarterly = Active(quantity: Wafers with { Per = QuantityPer.Quarter });

        quarterly.RecordDelivery(DeliveryId, "2026-Q2", 5m, null).Period.ShouldBe("2026-Q2");
        Should.Throw<RuleViolation>(() => quarterly.RecordDelivery(DeliveryId, "2026-04", 5m, null)).Rule.ShouldBe("period-format");
    }

    [Fact]
    public void a_fulfilled_commitment_takes_no_more_deliveries()
    {
        var active = Active(quantity: Wafers);
        var fulfilled = active.After(active.Fulfill(Today, null, Today));

        var refusal = Should.Throw<RuleViolation>(() => fulfilled.RecordDelivery(DeliveryId, "2026-03", 1m, null));

        refusal.Rule.ShouldBe("commitment-closed");
        refusal.Title.ShouldBe("'Supply DRAM wafers' is Fulfilled: nothing more is delivered against it");
    }

    [Fact]
    public void a_delivery_changes_nothing_the_commitment_decides_on()
    {
        var active = Active(quantity: Wafers);

        active.When(active.RecordDelivery(DeliveryId, "2026-03", 1m, null)).ShouldBeSameAs(active);
    }
}
