namespace LoiTracker.Domain.Parties;

public sealed record PartyRegistered(Guid PartyId, string Name, string? Country);

public sealed record PartyRenamed(Guid PartyId, string Name, string PreviousName);

public sealed record PartyJoinedGroup(Guid PartyId, string Group);

public sealed record PartyLeftGroup(Guid PartyId, string Group);
