using LoiTracker.Domain.Common;

namespace LoiTracker.Domain.Tests.Common;

public sealed class when_a_date_falls_due
{
    [Fact]
    public void it_falls_due_at_the_end_of_that_day_in_the_deadline_time_zone()
    {
        BusinessCalendar.FallsDueAt(new DateOnly(2026, 3, 31), "Asia/Seoul")
            .ShouldBe(new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero));
        BusinessCalendar.FallsDueAt(new DateOnly(2026, 3, 31), "America/New_York")
            .ShouldBe(new DateTimeOffset(2026, 4, 1, 4, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void today_is_the_date_in_that_zone()
    {
        var instant = new DateTimeOffset(2026, 3, 31, 16, 0, 0, TimeSpan.Zero);

        BusinessCalendar.Today(instant, "Asia/Seoul").ShouldBe(new DateOnly(2026, 4, 1));
        BusinessCalendar.Today(instant, "UTC").ShouldBe(new DateOnly(2026, 3, 31));
    }

    [Theory]
    [InlineData("Asia/Seoul", true)]
    [InlineData("UTC", true)]
    [InlineData("Seoul", false)]
    [InlineData("", false)]
    public void only_known_time_zones_are_accepted(string zone, bool known) =>
        BusinessCalendar.IsKnownTimeZone(zone).ShouldBe(known);

    [Fact]
    public void a_stale_expected_version_is_a_conflict_and_a_future_one_a_rule()
    {
        var id = Guid.CreateVersion7();
        Versioning.Expect(null, 5, "Agreement", id);
        Versioning.Expect(5, 5, "Agreement", id);
        Should.Throw<StaleVersion>(() => Versioning.Expect(4, 5, "Agreement", id)).Current.ShouldBe(5);
        Should.Throw<RuleViolation>(() => Versioning.Expect(6, 5, "Agreement", id)).Rule.ShouldBe("version-ahead");
    }
}
