namespace LoiTracker.Domain.Common;

/// <summary>Where a fact comes from, so "reported in the press" and "confirmed in signed text" never blur.</summary>
public enum SourceKind
{
    SignedText,
    PublicAnnouncement,
    Correspondence,
    Internal
}

public sealed record Source(SourceKind Kind, string Reference, string? Url = null);
