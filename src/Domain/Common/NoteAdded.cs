namespace LoiTracker.Domain.Common;

/// <summary>Free text on an agreement or a commitment; a privileged note (legal advice) is shown to legal and admin only.</summary>
public sealed record NoteAdded(Guid NoteId, string Text, bool Privileged);
