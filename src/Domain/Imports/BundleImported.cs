namespace LoiTracker.Domain.Imports;

/// <summary>One item a bundle created, under the key its author gave it (unique per kind).</summary>
public sealed record ImportedItem(string Kind, string Key, Guid Id);

/// <summary>A bundle was imported: which of its items were created, under which keys. Items matched by key are not repeated.</summary>
public sealed record BundleImported(Guid ImportId, string? Name, IReadOnlyList<ImportedItem> Created, int Matched);
