using System.Text.Json.Serialization;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;

namespace LoiTracker.Domain.Milestones;

/// <summary>Where a milestone stands on a given instant. Derived from the facts and the clock, never stored (domain.md: Overdue).</summary>
public enum MilestoneState
{
    [JsonStringEnumMemberName("planned")] Planned,
    [JsonStringEnumMemberName("due-soon")] DueSoon,
    [JsonStringEnumMemberName("overdue")] Overdue,
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("completed")] Completed,
    /// <summary>Its commitment ended (fulfilled, withdrawn, waived...) before it was completed: nobody waits for it.</summary>
    [JsonStringEnumMemberName("closed")] Closed
}

/// <summary>Something a relative due date counts from, as the other records know it: its name and when it happened.</summary>
public sealed record Anchor(string Name, DateOnly? HappenedOn);

/// <summary>
/// What a milestone's schedule hangs on, gathered from its own stream and the records around it: its own dates, the
/// agreement's deadline zone and signature, what it counts from, and the first condition it still waits on.
/// </summary>
public sealed record ScheduleFacts(
    DateOnly? DueOn,
    RelativeDue? Due,
    DateOnly? CompletedOn,
    string TimeZone,
    bool CommitmentOpen,
    bool AgreementSigned,
    Anchor? CountsFrom,
    string? WaitsOnCondition);

/// <summary>
/// A milestone's schedule resolved: its due date (a relative one from its anchor), the instant it falls due in the
/// agreement's zone, and what it is pending on. <see cref="StateOn"/> judges it against an instant.
/// </summary>
public sealed record MilestoneSchedule(DateOnly? DueOn, DateTimeOffset? FallsDueAt, string? PendingOn, bool Completed, bool Closed)
{
    /// <summary>"Due soon" by default: within two weeks of falling due.</summary>
    public static readonly TimeSpan DefaultDueSoonWindow = TimeSpan.FromDays(14);

    public static MilestoneSchedule Resolve(ScheduleFacts facts)
    {
        string? pendingOn = null;
        var due = facts.DueOn;
        if (facts.Due is { } relative)
        {
            var anchor = facts.CountsFrom ?? new Anchor(AnchorName(relative.After), null);
            due = anchor.HappenedOn is { } happened && happened.DayNumber + relative.Days <= DateOnly.MaxValue.DayNumber
                ? happened.AddDays(relative.Days)
                : null;
            if (due is null) pendingOn = anchor.Name;
        }
        if (facts.WaitsOnCondition is { } condition) pendingOn = $"condition '{condition}'";
        else if (!facts.AgreementSigned) pendingOn = "the agreement's signature";

        return new MilestoneSchedule(due, due is { } d ? BusinessCalendar.FallsDueAt(d, facts.TimeZone) : null, pendingOn,
            facts.CompletedOn is not null, !facts.CommitmentOpen);
    }

    /// <summary>
    /// Completed; closed when its commitment ended first; pending while it waits on an unmet condition, the agreement's
    /// signature or an anchor that has not happened; overdue once its date has ended in the agreement's zone; due soon
    /// within <paramref name="dueSoonWindow"/> of that; planned otherwise.
    /// </summary>
    public MilestoneState StateOn(DateTimeOffset now, TimeSpan dueSoonWindow) =>
        Completed ? MilestoneState.Completed
        : Closed ? MilestoneState.Closed
        : PendingOn is not null || FallsDueAt is null ? MilestoneState.Pending
        : now >= FallsDueAt ? MilestoneState.Overdue
        : now >= FallsDueAt.Value.AddTicks(-Math.Min(dueSoonWindow.Ticks, FallsDueAt.Value.UtcTicks)) ? MilestoneState.DueSoon
        : MilestoneState.Planned;

    public MilestoneState StateOn(DateTimeOffset now) => StateOn(now, DefaultDueSoonWindow);

    /// <summary>Whole days past due on <paramref name="today"/> (in the agreement's zone), or 0 when it is not overdue.</summary>
    public int DaysOverdue(DateOnly today) => DueOn is { } due && today > due ? BusinessCalendar.DaysBetween(due, today) : 0;

    private static string AnchorName(DueAnchor after) =>
        after.MilestoneId is not null ? "the completion of another milestone"
        : after.ConditionId is not null ? "a condition"
        : "the agreement's signature";
}

/// <summary>The states by the names api.md gives them (<c>due-soon</c>), for query strings and exports.</summary>
public static class MilestoneStateNames
{
    private static readonly Dictionary<MilestoneState, string> Names = new()
    {
        [MilestoneState.Planned] = "planned", [MilestoneState.DueSoon] = "due-soon", [MilestoneState.Overdue] = "overdue",
        [MilestoneState.Pending] = "pending", [MilestoneState.Completed] = "completed", [MilestoneState.Closed] = "closed"
    };

    public static IReadOnlyList<string> All { get; } = [.. Names.Values];

    public static string Of(MilestoneState state) => Names[state];

    public static bool TryParse(string? name, out MilestoneState state)
    {
        foreach (var (key, value) in Names)
            if (string.Equals(value, name, StringComparison.OrdinalIgnoreCase))
            {
                state = key;
                return true;
            }
        state = default;
        return false;
    }
}
