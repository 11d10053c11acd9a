namespace LoiTracker.Domain.Common;

/// <summary>The one place new identities come from: GUID version 7, so ids sort by creation time (api.md).</summary>
public static class Ids
{
    public static Guid New() => Guid.CreateVersion7();
}
