using JasperFx;
using JasperFx.CommandLine;

namespace LoiTracker.Api.Operations;

public sealed class VerifyProjectionsInput : NetCoreInput
{
    [Description("Stop after naming this many differences. Default: 100.")]
    public int MaxFlag { get; set; } = 100;
}

[Description("Compares every read model kept inline with a fold of its events and names the differences (exit 1 when there are any).", Name = "verify-projections")]
public sealed class VerifyProjectionsCommand : JasperFxAsyncCommand<VerifyProjectionsInput>
{
    public override async Task<bool> Execute(VerifyProjectionsInput input)
    {
        using var host = input.BuildHost();
        var differences = await new ProjectionMaintenance(host.Services.GetRequiredService<IDocumentStore>()).Verify(CancellationToken.None, input.MaxFlag);
        foreach (var d in differences)
            Console.WriteLine($"{d.Document} {d.Id} (stream {d.Stream}) differs at: {string.Join(", ", d.Paths)}");
        Console.WriteLine(differences.Count == 0 ? "Every read model says what its events say." : $"{differences.Count} document(s) differ: rebuild-stream mends one stream.");
        return differences.Count == 0;
    }
}

public sealed class RebuildStreamInput : NetCoreInput
{
    [Description("The id of the stream (a party, agreement, condition or commitment) whose read models to fold again.")]
    public Guid StreamId { get; set; }
}

[Description("Folds one stream's read models again from its events. Safe while the Api serves: the stream is locked meanwhile.", Name = "rebuild-stream")]
public sealed class RebuildStreamCommand : JasperFxAsyncCommand<RebuildStreamInput>
{
    public override async Task<bool> Execute(RebuildStreamInput input)
    {
        using var host = input.BuildHost();
        var written = await new ProjectionMaintenance(host.Services.GetRequiredService<IDocumentStore>()).RebuildStream(input.StreamId, CancellationToken.None);
        Console.WriteLine($"Stream {input.StreamId}: {written} read model document(s) folded again from its events.");
        return true;
    }
}

[Description("Replays every projection from the events. Refuses while an Api node is serving (use rebuild-stream then).", Name = "rebuild-projections")]
public sealed class RebuildProjectionsCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        try
        {
            await new ProjectionMaintenance(host.Services.GetRequiredService<IDocumentStore>()).RebuildAll(CancellationToken.None);
            Console.WriteLine("Every projection was replayed from the events.");
            return true;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return false;
        }
    }
}
