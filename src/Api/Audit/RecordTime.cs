using LoiTracker.Projections.Audit;

namespace LoiTracker.Api.Audit;

/// <summary>An instant later than what the audit model holds: answered 503 with Retry-After, never with a guess (ADR 5).</summary>
public sealed class NotKnownYet(DateTimeOffset asked, DateTimeOffset? knownUntil)
    : Exception("What was known at that instant is not settled yet")
{
    public DateTimeOffset Asked { get; } = asked;
    public DateTimeOffset? KnownUntil { get; } = knownUntil;
    public const int RetryAfterSeconds = 2;
}

/// <summary>
/// <c>?asOf=</c> (record time: the events committed by then) and <c>?on=</c> (business time: the date states such as
/// overdue are judged on), as every time-travel read takes them (domain.md, "Two clocks").
/// </summary>
public readonly record struct PastInstant(DateTimeOffset AsOf, DateTimeOffset JudgedAt)
{
    public static readonly TimeSpan FutureLeeway = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The instant, checked against the audit model's high-water mark. Business states are judged at <c>asOf</c>
    /// unless <c>on</c> names a date, judged at noon UTC: the same calendar day in every zone from UTC−11 to UTC+11.
    /// </summary>
    public static async Task<PastInstant> Of(DateTimeOffset asOf, DateOnly? on, IQuerySession session, CancellationToken token, string field = "asOf")
    {
        var mark = await AuditCopy.Read(session, token);
        // An instant still to come is a mistake in the request, not something to wait for: 503 + Retry-After would send a
        // client back for years. Record time is commit time, the database's clock (ADR 18), not the business clock a test
        // moves, so it is judged by the database's clock, with a minute of leeway for the Api's clock to differ.
        if (asOf > mark.RecordNow + FutureLeeway)
            throw new InvalidRequest(new Dictionary<string, string[]>
                { [field] = ["That instant has not come yet: ask about the past, or leave it out for what is known now."] });
        if (mark.KnownUntil is not { } known || asOf > known) throw new NotKnownYet(asOf, mark.KnownUntil);
        return new PastInstant(asOf, JudgedOn(on) ?? asOf);
    }

    /// <summary>The instant business states are judged at for <c>?on=</c>: noon UTC of that date.</summary>
    public static DateTimeOffset? JudgedOn(DateOnly? on) => on is { } day ? new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) : null;
}
