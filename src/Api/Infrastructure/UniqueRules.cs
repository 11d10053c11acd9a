using System.Collections.Concurrent;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// Unique indexes that guard a rule: a write that breaks one (two parties registered with one name at the same
/// instant) is a 422 naming the rule, like the command's own check would have said. Features register their indexes.
/// </summary>
public static class UniqueRules
{
    private static readonly ConcurrentDictionary<string, (string Rule, string Title)> Rules = new(StringComparer.OrdinalIgnoreCase);

    public static void Add(string indexName, string rule, string title) => Rules[indexName] = (rule, title);

    public static (string Rule, string Title)? For(string? constraintName) =>
        constraintName is null ? null : Rules.FirstOrDefault(r => constraintName.Contains(r.Key, StringComparison.OrdinalIgnoreCase)) is
            { Key: not null } found ? found.Value : null;
}
