namespace LoiTracker.Domain.Alerts;

/// <summary>
/// How many days before a milestone or key date falls due its "due soon" alerts are raised (domain.md: Alert). The
/// calendar feed's reminders (VALARM) use the same lead times, so the inbox and the calendar never disagree.
/// </summary>
public static class LeadTimes
{
    public static readonly IReadOnlyList<int> Default = [30, 7, 1];

    /// <summary>An agreement's own lead times when it set some, the default otherwise; largest first, no duplicates.</summary>
    public static IReadOnlyList<int> Of(IReadOnlyList<int>? agreementDays) =>
        agreementDays is { Count: > 0 } days ? [.. days.Where(d => d > 0).Distinct().OrderDescending()] : Default;
}
