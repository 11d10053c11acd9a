using LoiTracker.Domain.Common;

namespace LoiTracker.Domain.Parties;

/// <summary>A legal entity that takes part in agreements (OpenAI, Samsung SDS...), possibly in a group (Samsung).</summary>
public sealed record Party(Guid Id, string Name, string? Group, string? Country, long Version)
{
    public static IEnumerable<object> Register(Guid id, string name, string? group, string? country)
    {
        yield return new PartyRegistered(id, name.Trim(), Normalize(country));
        if (Normalize(group) is { } g) yield return new PartyJoinedGroup(id, g);
    }

    public IEnumerable<object> Rename(string name)
    {
        name = name.Trim();
        if (string.Equals(name, Name, StringComparison.Ordinal))
            throw new RuleViolation("party-name-unchanged", $"The party is already named '{Name}'");
        yield return new PartyRenamed(Id, name, Name);
    }

    /// <summary>Moves the party into a group, or out of any group when <paramref name="group"/> is empty.</summary>
    public IEnumerable<object> ChangeGroup(string? group)
    {
        var next = Normalize(group);
        if (string.Equals(next, Group, StringComparison.Ordinal))
            throw new RuleViolation("party-group-unchanged",
                next is null ? $"'{Name}' belongs to no group" : $"'{Name}' already belongs to the group '{next}'");
        if (Group is not null) yield return new PartyLeftGroup(Id, Group);
        if (next is not null) yield return new PartyJoinedGroup(Id, next);
    }

    public static Party From(PartyRegistered e) => new(e.PartyId, e.Name, null, e.Country, 0);

    public Party When(object e) => e switch
    {
        PartyRenamed renamed => this with { Name = renamed.Name },
        PartyJoinedGroup joined => this with { Group = joined.Group },
        PartyLeftGroup => this with { Group = null },
        _ => this
    };

    /// <summary>Two names are the same party name when they differ only in case or surrounding spaces.</summary>
    public static string NameKey(string name) => name.Trim().ToUpperInvariant();

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
