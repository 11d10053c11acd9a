namespace LoiTracker.Domain.Audit;

/// <summary>One field that differs between two states of a record: its path (<c>milestones[…].dueOn</c>) and both values.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>What changed between two states, field by field (issue 11): pure, on the states flattened to path → value.</summary>
public static class FieldChanges
{
    public static IReadOnlyList<FieldChange> Between(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
        [.. before.Keys.Union(after.Keys)
            .Where(field => before.GetValueOrDefault(field) != after.GetValueOrDefault(field))
            .Order(StringComparer.Ordinal)
            .Select(field => new FieldChange(field, before.GetValueOrDefault(field), after.GetValueOrDefault(field)))];
}
