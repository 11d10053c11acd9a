using JasperFx.Events;
using LoiTracker.Domain.Imports;
using Marten;
using Marten.Events.Projections;

namespace LoiTracker.Projections.Imports;

/// <summary>
/// "party:openai" → the party's id: how a second import of a bundle finds what the first created. Inserted, never
/// updated, so two imports racing to create the same key cannot both commit.
/// </summary>
public sealed class ImportKey
{
    public string Id { get; set; } = "";
    public Guid TargetId { get; set; }
    public Guid ImportId { get; set; }

    public static string For(string kind, string key) => $"{kind}:{key}";
}

public partial class ImportKeyProjection : EventProjection
{
    public ImportKeyProjection() => IncludeType<BundleImported>();

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        // All in one call: Marten checks the document type once per call, by reflection.
        if (e.Data is BundleImported imported)
            operations.Insert(imported.Created.Select(item =>
                new ImportKey { Id = ImportKey.For(item.Kind, item.Key), TargetId = item.Id, ImportId = imported.ImportId }).ToArray());
        return ValueTask.CompletedTask;
    }
}
