using LoiTracker.Projections.Common;
using LoiTracker.Projections.Parties;

namespace LoiTracker.Api.Parties;

/// <summary>A party as read: name, group, country, former names, and who changed it last.</summary>
public sealed record PartyDetails(Guid Id, long Version, string Name, string? Group, string? Country,
    IReadOnlyList<string> FormerNames, DateTimeOffset RegisteredAt, LastChange? LastChange) : IStreamResource
{
    public static PartyDetails From(PartyView p) =>
        new(p.Id, p.Version, p.Name, p.Group, p.Country, p.FormerNames, p.RegisteredAt, p.LastChange);
}
