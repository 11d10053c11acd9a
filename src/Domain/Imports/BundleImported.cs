namespace LoiTracker.Domain.Imports;

/// <summary>One item a bundle created, under the key its author gave it (unique per kind).</summary>
public sealed record ImportedItem(string Kind, string Key, Guid Id);

/// <summary>
/// A bundle was imported: which of its items were created, under which keys. Items matched by key are not repeated, only
/// counted. A large import is recorded in several, one per page of the items it created, in the import's one stream;
/// the first counts the matched items.
/// </summary>
public sealed record BundleImported(Guid ImportId, string? Name, IReadOnlyList<ImportedItem> Created, int Matched);
