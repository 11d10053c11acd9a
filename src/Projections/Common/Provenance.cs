using JasperFx.Events;

namespace LoiTracker.Projections.Common;

/// <summary>
/// The metadata every event carries besides its data (domain.md): who recorded it, why and from what source.
/// The Api writes them as event headers; projections and the audit trail read them back through here.
/// </summary>
public static class Provenance
{
    public const string ActorSubject = "actor-sub";
    public const string ActorName = "actor-name";
    public const string Reason = "reason";
    public const string Source = "source";

    /// <summary>
    /// When the event was recorded, to the microsecond PostgreSQL keeps: a document folded while the event is appended
    /// and one folded again from the stored event must be identical (verify-projections).
    /// </summary>
    public static DateTimeOffset RecordedAt(IEvent e) => new(e.Timestamp.UtcTicks - e.Timestamp.UtcTicks % 10, TimeSpan.Zero);

    public static string? ActorNameOf(IEvent e) => e.GetHeader(ActorName)?.ToString() ?? e.UserName;

    public static string? ActorSubjectOf(IEvent e) => e.UserName ?? e.GetHeader(ActorSubject)?.ToString();
}

/// <summary>Who changed a record last, and when, as a read model shows it.</summary>
public sealed record LastChange(DateTimeOffset At, string? By, string? BySubject, string EventType)
{
    public static LastChange Of(IEvent e) =>
        new(Provenance.RecordedAt(e), Provenance.ActorNameOf(e), Provenance.ActorSubjectOf(e), e.EventTypeName);
}
