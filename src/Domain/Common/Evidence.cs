namespace LoiTracker.Domain.Common;

/// <summary>A reference to a document: its name, its SHA-256 (so a changed file is noticed), and where to find it.</summary>
public sealed record Evidence(string Name, string Sha256, string? Uri = null);
