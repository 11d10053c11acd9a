namespace LoiTracker.Domain.Common;

/// <summary>
/// Business time (domain.md, "Two clocks"): every date belongs to a record with a deadline time zone (an agreement's,
/// or a condition's own), "today" is the date in that zone, and a date-only deadline falls due at the end of that day
/// there. Dates stay dates; only the moment they fall due is an instant. This is the one meaning of "today".
/// </summary>
public static class BusinessCalendar
{
    /// <summary>The zone of a record that names none: deadlines fall due at midnight UTC.</summary>
    public const string DefaultTimeZone = "UTC";

    // The canonical IANA zones of the machine's time zone database (Asia/Seoul, America/New_York, UTC): no aliases,
    // no Windows names, no "localtime" or "Factory", which the lookup would otherwise accept and resolve differently per machine.
    private static readonly HashSet<string> CanonicalZones = [.. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id), "UTC"];

    /// <summary>Whether <paramref name="id"/> is a canonical IANA time zone id: what a deadline zone must be.</summary>
    public static bool IsKnownTimeZone(string? id) => id is not null && CanonicalZones.Contains(id);

    /// <summary>The instant a deadline on <paramref name="date"/> has passed: midnight after it, in the zone.</summary>
    public static DateTimeOffset FallsDueAt(DateOnly date, string timeZone)
    {
        if (date == DateOnly.MaxValue) return DateTimeOffset.MaxValue;
        var zone = Zone(timeZone);
        var nextMidnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a DST change does not exist; the first valid instant after it is an hour on.
        if (zone.IsInvalidTime(nextMidnight)) nextMidnight = nextMidnight.AddHours(1);
        var offset = zone.GetUtcOffset(nextMidnight);
        // Dates at the edge of the calendar cannot shift by the zone's offset: they fall due at the edge.
        var utcTicks = nextMidnight.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks) return DateTimeOffset.MinValue;
        if (utcTicks > DateTime.MaxValue.Ticks) return DateTimeOffset.MaxValue;
        return new DateTimeOffset(utcTicks, TimeSpan.Zero);
    }

    /// <summary>Today's date in the zone, at the instant <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now, string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone(timeZone)).DateTime);

    /// <summary>Whole days from <paramref name="from"/> to <paramref name="to"/> (negative when earlier).</summary>
    public static int DaysBetween(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;

    // A stored zone the machine no longer knows still reads: deadlines then fall due in UTC rather than failing the read.
    private static TimeZoneInfo Zone(string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
