namespace LoiTracker.Domain.Parties;

public sealed record PartyRegistered(Guid PartyId, string Name, string? Country);

public sealed record PartyRenamed(Guid PartyId, string Name, string PreviousName);

public sealed record PartyJoinedGroup(Guid PartyId, string Group);

public sealed record PartyLeftGroup(Guid PartyId, string Group);

/// <summary>Every event type a stream of a party holds: what its projections fold.</summary>
public static class PartyEvents
{
    public static readonly Type[] All =
    [
        typeof(PartyRegistered),
        typeof(PartyRenamed),
        typeof(PartyJoinedGroup),
        typeof(PartyLeftGroup)
    ];
}
