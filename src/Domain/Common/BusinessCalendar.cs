namespace LoiTracker.Domain.Common;

/// <summary>
/// Business time (domain.md, "Two clocks"): a date-only deadline falls due at the end of that day in the agreement's
/// deadline time zone. Dates stay dates; only the moment they fall due is an instant.
/// </summary>
public static class BusinessCalendar
{
    public static bool IsKnownTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    /// <summary>The instant a deadline on <paramref name="date"/> has passed: midnight after it, in the zone.</summary>
    public static DateTimeOffset FallsDueAt(DateOnly date, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var nextMidnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a DST change does not exist; the first valid instant after it is an hour on.
        if (zone.IsInvalidTime(nextMidnight)) nextMidnight = nextMidnight.AddHours(1);
        return new DateTimeOffset(nextMidnight, zone.GetUtcOffset(nextMidnight)).ToUniversalTime();
    }

    /// <summary>Today's date in the zone, at the instant <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now, string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);
}
