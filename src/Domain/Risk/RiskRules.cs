using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Conditions;

namespace LoiTracker.Domain.Risk;

/// <summary>What a commitment that <see cref="RiskEdge">depends on</see> looks like to it: its facts and its risk.</summary>
public sealed record UpstreamState(CommitmentRiskFacts Facts, NodeRisk Risk);

/// <summary>
/// The risk rules, every one and every threshold in one place (ADR 17):
/// <list type="bullet">
/// <item><c>watch</c>: a milestone due within 14 days and not completed; a condition expected within 14 days.</item>
/// <item><c>at-risk</c>: a milestone overdue (in its agreement's zone); a condition past its expected date and unmet; a
/// shortfall against an at-least or exactly quantity in the last complete period; a schedule conflict (an upstream done
/// after its downstream must start); anything it depends on that is at-risk or critical.</item>
/// <item><c>critical</c>: a breach noticed or confirmed; a cure deadline passed; a failed condition it waits on; a
/// milestone overdue by more than 30 days.</item>
/// </list>
/// Closed commitments (fulfilled, waived, withdrawn, carried forward, not performed) carry no risk and pass none on.
/// </summary>
public static class RiskRules
{
    public static readonly TimeSpan Soon = TimeSpan.FromDays(14);
    public static readonly TimeSpan LongOverdue = TimeSpan.FromDays(30);

    /// <summary>A commitment's risk at <paramref name="now"/>, given what it depends on (null: not found, which passes nothing).</summary>
    public static NodeRisk Evaluate(CommitmentRiskFacts facts, Func<Guid, UpstreamState?> upstream, DateTimeOffset now)
    {
        if (facts.Closed) return NodeRisk.Nothing;
        var reasons = new List<RiskReason>();
        var next = Local(facts, now, reasons);
        var me = new RiskLink("commitment", facts.Id, facts.Title);

        foreach (var edge in facts.Upstream)
        {
            if (upstream(edge.UpstreamCommitmentId) is not { Facts.Closed: false } up) continue;
            var onMilestone = edge.UpstreamMilestoneId is { } mid ? up.Facts.Milestones.FirstOrDefault(m => m.Id == mid) : null;
            if (onMilestone is { Completed: true }) continue;

            if (Conflict(facts, edge, up.Facts) is var (upstreamLast, downstreamFirst))
            {
                var what = $"{upstreamLast.Title} ({up.Facts.Party ?? up.Facts.Title})";
                var state = $"due {Day(upstreamLast)}, after {downstreamFirst.Title} ({Day(downstreamFirst)})";
                reasons.Add(new RiskReason("schedule-conflict", RiskLevel.AtRisk,
                    $"{facts.Label} at risk: depends on {what}, due {Day(upstreamLast)}, after {downstreamFirst.Title} is due ({Day(downstreamFirst)})",
                    what, state,
                    [me, new RiskLink("commitment", up.Facts.Id, up.Facts.Title), new RiskLink("milestone", upstreamLast.Id, upstreamLast.Title)]));
            }

            if (up.Risk.Level >= RiskLevel.AtRisk && up.Risk.Reasons.Count > 0)
            {
                var cause = up.Risk.Reasons[0];
                reasons.Add(new RiskReason("depends-on-risk", RiskLevel.AtRisk, $"{facts.Label} at risk: depends on {cause.Subject}, {cause.State}",
                    cause.Subject, cause.State, [me, .. cause.Chain]));
            }
        }

        var ordered = reasons.DistinctBy(r => (r.Code, r.Summary)).OrderByDescending(r => r.Level).ThenBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.Summary, StringComparer.Ordinal).ToList();
        return new NodeRisk(ordered.Count == 0 ? RiskLevel.None : ordered[0].Level, ordered, next);
    }

    /// <summary>
    /// A schedule conflict on <paramref name="edge"/>: the upstream (the milestone depended on, else the upstream's last
    /// open milestone) falls due after the downstream's first open milestone, so the downstream cannot start in time.
    /// Returns both instants, or null when there is no conflict (or a date is not known yet).
    /// </summary>
    public static (RiskMilestone UpstreamLast, RiskMilestone DownstreamFirst)? Conflict(CommitmentRiskFacts downstream, RiskEdge edge,
        CommitmentRiskFacts upstream)
    {
        if (downstream.Closed || upstream.Closed) return null;
        var onMilestone = edge.UpstreamMilestoneId is { } mid ? upstream.Milestones.FirstOrDefault(m => m.Id == mid) : null;
        if (onMilestone is { Completed: true }) return null;
        var last = onMilestone ?? upstream.FinishesWith;
        return last?.FallsDueAt is { } done && downstream.StartsWith is { FallsDueAt: { } starts } first && done > starts ? (last, first) : null;
    }

    /// <summary>The reasons a commitment's own facts give at <paramref name="now"/>; returns the next instant one of them changes.</summary>
    private static DateTimeOffset? Local(CommitmentRiskFacts facts, DateTimeOffset now, List<RiskReason> reasons)
    {
        DateTimeOffset? next = null;
        void Ahead(DateTimeOffset at)
        {
            if (at > now && (next is null || at < next)) next = at;
        }
        var me = new RiskLink("commitment", facts.Id, facts.Title);

        if (facts.Breach is { } breach)
        {
            if (breach.Confirmed)
                reasons.Add(new RiskReason("breach-confirmed", RiskLevel.Critical, $"{facts.Label}: breach confirmed", facts.Label, "breach confirmed", [me]));
            else
            {
                reasons.Add(new RiskReason("breach-noticed", RiskLevel.Critical, $"{facts.Label}: breach noticed, to be cured by {breach.CureBy:yyyy-MM-dd}",
                    facts.Label, $"breach noticed, cure by {breach.CureBy:yyyy-MM-dd}", [me]));
                if (now >= breach.CureEndsAt)
                    reasons.Add(new RiskReason("cure-deadline-passed", RiskLevel.Critical, $"{facts.Label}: cure deadline {breach.CureBy:yyyy-MM-dd} passed",
                        facts.Label, $"cure deadline {breach.CureBy:yyyy-MM-dd} passed", [me]));
                else Ahead(breach.CureEndsAt);
            }
        }

        foreach (var m in facts.Milestones)
        {
            if (m.Completed || m.FallsDueAt is not { } due) continue;
            var subject = $"{m.Title} ({facts.Party ?? facts.Title})";
            RiskLink[] chain = [me, new RiskLink("milestone", m.Id, m.Title)];
            var dueOn = Day(m.DueOn, due);
            if (now >= Add(due, LongOverdue))
                reasons.Add(new RiskReason("milestone-long-overdue", RiskLevel.Critical, $"{subject} is overdue by more than 30 days (due {dueOn})",
                    subject, $"overdue by more than 30 days (due {dueOn})", chain));
            else if (now >= due)
            {
                reasons.Add(new RiskReason("milestone-overdue", RiskLevel.AtRisk, $"{subject} is overdue (due {dueOn})", subject, $"overdue (due {dueOn})", chain));
                Ahead(Add(due, LongOverdue));
            }
            else if (now >= Add(due, -Soon))
            {
                reasons.Add(new RiskReason("milestone-due-soon", RiskLevel.Watch, $"{subject} is due {dueOn}", subject, $"due {dueOn}", chain));
                Ahead(due);
            }
            else Ahead(Add(due, -Soon));
        }

        foreach (var c in facts.Conditions)
        {
            RiskLink[] chain = [me, new RiskLink("condition", c.Id, c.Title)];
            if (c.Status == ConditionStatus.Failed)
            {
                reasons.Add(new RiskReason("condition-failed", RiskLevel.Critical, $"{facts.Label} waits on {c.Title}, which failed", c.Title, "failed", chain));
                continue;
            }
            if (c.Status != ConditionStatus.Open || c.ExpectedEndsAt is not { } expected) continue;
            var by = Day(c.ExpectedBy, expected);
            if (now >= expected)
                reasons.Add(new RiskReason("condition-late", RiskLevel.AtRisk, $"{facts.Label} waits on {c.Title}, expected by {by} and not met",
                    c.Title, $"expected by {by} and not met", chain));
            else if (now >= Add(expected, -Soon))
            {
                reasons.Add(new RiskReason("condition-due-soon", RiskLevel.Watch, $"{facts.Label} waits on {c.Title}, expected by {by}",
                    c.Title, $"expected by {by}", chain));
                Ahead(expected);
            }
            else Ahead(Add(expected, -Soon));
        }

        if (facts.Quantity is { Quantity: { Kind: not QuantityKind.UpTo, Per: not QuantityPer.Total } quantity } q)
        {
            var today = BusinessCalendar.Today(now, facts.TimeZone);
            var last = QuantityProgress.InLastCompletePeriod(quantity, q.DeliveredByPeriod, q.DeliveredTotal, today, q.CountingFrom);
            if (last is { Shortfall: > 0 } shortfall)
                reasons.Add(new RiskReason("shortfall", RiskLevel.AtRisk,
                    $"{facts.Label} fell short in {shortfall.Period}: {shortfall.Delivered:0.##} of {shortfall.Amount:0.##} {quantity.Unit} delivered",
                    facts.Label, $"short in {shortfall.Period} ({shortfall.Delivered:0.##} of {shortfall.Amount:0.##} {quantity.Unit})", [me]));
            // The last complete period changes when this one ends.
            Ahead(BusinessCalendar.FallsDueAt(EndOfPeriod(quantity, today), facts.TimeZone));
        }
        return next;
    }

    /// <summary>
    /// Whether deliveries for <paramref name="periods"/> can move a commitment's risk at <paramref name="now"/>. Of
    /// the rules, only the shortfall reads deliveries, and only those of the last complete period: a delivery for this
    /// period or an older one changes nothing now (when this period ends, the clock's sweep works the commitment out
    /// again from all its deliveries). Keep this beside the shortfall rule: a rule that reads deliveries differently
    /// must change it too (the property test in tests/Domain.Tests/Risk routes deliveries through it).
    /// </summary>
    public static bool DeliveriesCanMove(Quantity? quantity, IEnumerable<string> periods, string timeZone, DateTimeOffset now)
    {
        if (quantity is not { Kind: not QuantityKind.UpTo, Per: not QuantityPer.Total }) return false;
        var startOfThisPeriod = quantity.StartOfPeriod(BusinessCalendar.Today(now, timeZone));
        if (startOfThisPeriod.DayNumber == DateOnly.MinValue.DayNumber) return false;
        var lastComplete = quantity.PeriodOf(startOfThisPeriod.AddDays(-1));
        return periods.Any(p => p == lastComplete);
    }

    /// <summary>
    /// Whether a delivery for <paramref name="period"/> could move any commitment's risk at <paramref name="now"/>,
    /// whatever its quantity and its agreement's zone: the last complete month, quarter or year as of today in some
    /// zone. The daemon asks this before it reads the commitment, so a delivery for this period or an older one (most
    /// of them) costs it no read. <see cref="DeliveriesCanMove"/> implies it (tests/Domain.Tests/Risk).
    /// </summary>
    public static bool DeliveryCanMoveAnywhere(string period, DateTimeOffset now)
    {
        // Today in any zone (they run from UTC-12 to UTC+14) is within a day of today in UTC.
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        if (utcToday.Year < 2 || utcToday.Year > 9998) return true;
        foreach (var today in (ReadOnlySpan<DateOnly>)[utcToday.AddDays(-1), utcToday, utcToday.AddDays(1)])
        foreach (var quantity in Periodic)
            if (quantity.PeriodOf(quantity.StartOfPeriod(today).AddDays(-1)) == period) return true;
        return false;
    }

    // One quantity counted by each kind of period, for the period arithmetic above (run for every delivery the daemon reads).
    private static readonly Quantity[] Periodic =
        [.. new[] { QuantityPer.Month, QuantityPer.Quarter, QuantityPer.Year }.Select(per => new Quantity(0, "", per, QuantityKind.AtLeast))];

    /// <summary>The last day of the period <paramref name="day"/> falls in.</summary>
    private static DateOnly EndOfPeriod(Quantity quantity, DateOnly day)
    {
        var start = quantity.StartOfPeriod(day);
        var months = quantity.Per switch { QuantityPer.Month => 1, QuantityPer.Quarter => 3, _ => 12 };
        return start.DayNumber > DateOnly.MaxValue.AddMonths(-months).DayNumber ? DateOnly.MaxValue : start.AddMonths(months).AddDays(-1);
    }

    private static DateTimeOffset Add(DateTimeOffset at, TimeSpan span) =>
        span > TimeSpan.Zero && at > DateTimeOffset.MaxValue - span ? DateTimeOffset.MaxValue
        : span < TimeSpan.Zero && at < DateTimeOffset.MinValue - span ? DateTimeOffset.MinValue
        : at + span;

    private static string Day(DateOnly? date, DateTimeOffset fallsDueAt) =>
        (date ?? DateOnly.FromDateTime(fallsDueAt.UtcDateTime.AddDays(-1))).ToString("yyyy-MM-dd");

    private static string Day(RiskMilestone milestone) => Day(milestone.DueOn, milestone.FallsDueAt ?? DateTimeOffset.MaxValue);
}
