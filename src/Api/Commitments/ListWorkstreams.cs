namespace LoiTracker.Api.Commitments;

/// <summary>A workstream of the catalogue: its code (what commitments carry) and a name people read.</summary>
public sealed record WorkstreamEntry(string Code, string Name);

public static class ListWorkstreamsEndpoint
{
    /// <summary>The workstream catalogue (domain.md), including the codes a deployment added by configuration.</summary>
    [WolverineGet("/api/workstreams"), Authorize(Policy = Can.Read)]
    [Access.Scoped("a catalogue: no deal data")]
    public static PageOf<WorkstreamEntry> Get(Workstreams workstreams) =>
        new([.. workstreams.Codes.Select(code => new WorkstreamEntry(code, Workstreams.NameOf(code)))], workstreams.Codes.Count, 1,
            workstreams.Codes.Count);
}
