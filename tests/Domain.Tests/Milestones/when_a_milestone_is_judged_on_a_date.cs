using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Milestones;

namespace LoiTracker.Domain.Tests.Milestones;

/// <summary>The one rule for where a milestone stands (domain.md: Overdue, Pending): the endpoints and the schedule view both call it.</summary>
public sealed class when_a_milestone_is_judged_on_a_date
{
    private static readonly DateOnly MarchEnd = new(2026, 3, 31);

    private static ScheduleFacts Facts(DateOnly? dueOn = null, RelativeDue? due = null, DateOnly? completedOn = null, bool open = true,
        bool signed = true, Anchor? from = null, string? waitsOn = null, string zone = "Asia/Seoul") =>
        new(dueOn ?? (due is null ? MarchEnd : null), due, completedOn, zone, open, signed, from, waitsOn);

    private static DateTimeOffset Seoul(int year, int month, int day, int hour = 12) =>
        new(year, month, day, hour, 0, 0, TimeSpan.FromHours(9));

    [Fact]
    public void a_dated_milestone_falls_due_at_the_end_of_its_day_in_the_agreements_zone()
    {
        var schedule = MilestoneSchedule.Resolve(Facts());

        schedule.DueOn.ShouldBe(MarchEnd);
        schedule.FallsDueAt.ShouldBe(new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero));
        schedule.StateOn(Seoul(2026, 3, 31, 23)).ShouldBe(MilestoneState.DueSoon);
        schedule.StateOn(Seoul(2026, 4, 1, 0)).ShouldBe(MilestoneState.Overdue);
    }

    [Theory]
    [InlineData(2026, 3, 1, MilestoneState.Planned)]
    [InlineData(2026, 3, 17, MilestoneState.Planned)]
    [InlineData(2026, 3, 18, MilestoneState.DueSoon)]
    [InlineData(2026, 4, 15, MilestoneState.Overdue)]
    public void it_is_planned_then_due_soon_within_the_window_then_overdue(int year, int month, int day, MilestoneState expected)
    {
        MilestoneSchedule.Resolve(Facts()).StateOn(Seoul(year, month, day, 1)).ShouldBe(expected);
    }

    [Fact]
    public void the_due_soon_window_is_a_parameter()
    {
        var schedule = MilestoneSchedule.Resolve(Facts());

        schedule.StateOn(Seoul(2026, 3, 1), TimeSpan.FromDays(31)).ShouldBe(MilestoneState.DueSoon);
        schedule.StateOn(Seoul(2026, 3, 30), TimeSpan.FromDays(1)).ShouldBe(MilestoneState.Planned);
    }

    [Fact]
    public void completed_wins_over_every_date_and_closed_over_the_rest()
    {
        MilestoneSchedule.Resolve(Facts(completedOn: new DateOnly(2026, 4, 20))).StateOn(Seoul(2026, 6, 1)).ShouldBe(MilestoneState.Completed);
        MilestoneSchedule.Resolve(Facts(open: false)).StateOn(Seoul(2026, 6, 1)).ShouldBe(MilestoneState.Closed);
    }

    [Fact]
    public void a_relative_milestone_counts_from_its_anchor_and_is_pending_until_it_happens()
    {
        var sixtyAfter = new RelativeDue(60, new DueAnchor(Guid.NewGuid(), null, false));

        var waiting = MilestoneSchedule.Resolve(Facts(due: sixtyAfter, from: new Anchor("the completion of 'Allocation agreed'", null)));
        var counted = MilestoneSchedule.Resolve(Facts(due: sixtyAfter, from: new Anchor("the completion of 'Allocation agreed'", new DateOnly(2026, 3, 10))));

        waiting.StateOn(Seoul(2027, 1, 1)).ShouldBe(MilestoneState.Pending);
        waiting.PendingOn.ShouldBe("the completion of 'Allocation agreed'");
        counted.DueOn.ShouldBe(new DateOnly(2026, 5, 9));
        counted.StateOn(Seoul(2026, 5, 10)).ShouldBe(MilestoneState.Overdue);
    }

    [Fact]
    public void an_unmet_condition_or_an_unsigned_agreement_makes_it_pending_not_overdue()
    {
        var gated = MilestoneSchedule.Resolve(Facts(waitsOn: "Extension agreed"));
        var unsigned = MilestoneSchedule.Resolve(Facts(signed: false));

        gated.StateOn(Seoul(2027, 1, 1)).ShouldBe(MilestoneState.Pending);
        gated.PendingOn.ShouldBe("condition 'Extension agreed'");
        unsigned.StateOn(Seoul(2027, 1, 1)).ShouldBe(MilestoneState.Pending);
        unsigned.PendingOn.ShouldBe("the agreement's signature");
    }

    [Fact]
    public void a_date_at_the_edge_of_the_calendar_is_judged_without_failing()
    {
        var last = MilestoneSchedule.Resolve(Facts(dueOn: DateOnly.MaxValue));
        var first = MilestoneSchedule.Resolve(Facts(dueOn: DateOnly.MinValue, zone: "Pacific/Kiritimati"));
        var far = MilestoneSchedule.Resolve(Facts(due: new RelativeDue(3650, new DueAnchor(null, null, true)),
            from: new Anchor("the agreement's signature", new DateOnly(9999, 12, 30))));

        last.StateOn(Seoul(2026, 3, 1)).ShouldBe(MilestoneState.Planned);
        first.StateOn(Seoul(2026, 3, 1)).ShouldBe(MilestoneState.Overdue);
        far.StateOn(Seoul(2026, 3, 1)).ShouldBe(MilestoneState.Pending);
    }

    [Fact]
    public void days_overdue_count_from_the_due_date_in_the_agreements_zone()
    {
        var schedule = MilestoneSchedule.Resolve(Facts());

        schedule.DaysOverdue(new DateOnly(2026, 4, 12)).ShouldBe(12);
        schedule.DaysOverdue(MarchEnd).ShouldBe(0);
    }
}
