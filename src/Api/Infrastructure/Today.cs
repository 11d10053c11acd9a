using LoiTracker.Domain.Common;

namespace LoiTracker.Api.Infrastructure;

/// <summary>Today's date for a rule that refuses future dates.</summary>
public static class Today
{
    /// <summary>Today in an agreement's deadline time zone.</summary>
    public static DateOnly In(string timeZone, TimeProvider clock) => BusinessCalendar.Today(clock.GetUtcNow(), timeZone);

    /// <summary>
    /// For records without a time zone of their own (conditions): the latest date anywhere on Earth (UTC+14), so a
    /// date that has begun for anyone is never refused as being in the future.
    /// </summary>
    public static DateOnly Anywhere(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(14));
}
