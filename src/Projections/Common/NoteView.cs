namespace LoiTracker.Projections.Common;

/// <summary>A note as read: privileged ones are filtered out for every role but legal and admin when read.</summary>
public sealed record NoteView(Guid Id, string Text, bool Privileged, DateTimeOffset AddedAt, string? AddedBy);
