using System.Collections;
using System.Reflection;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// Characters no text in LoiTracker may hold, whatever the field: NUL and the other control characters (PostgreSQL
/// cannot store NUL in JSON, and the rest corrupt an export or a terminal), and the bidirectional embeddings,
/// overrides and isolates that make a name or a reason display as something else ("Trojan Source"). Tabs and line
/// breaks are text. Checked on every request body, through every nested record, before any validator runs.
/// </summary>
public static class TextRules
{
    public static string? Problem(string text)
    {
        foreach (var c in text)
        {
            if (c is '\t' or '\n' or '\r') continue;
            if (char.IsControl(c)) return "Remove the control characters (such as NUL): text may hold letters, tabs and line breaks.";
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
                return "Remove the direction-override characters: they make text display as something it is not.";
        }
        return null;
    }

    /// <summary>
    /// Every string in <paramref name="request"/> that breaks the rule, and every business date outside
    /// <see cref="BusinessDates"/>, by the field name the client sent: rules every request obeys, checked for all of them.
    /// </summary>
    public static Dictionary<string, string[]> Check(object? request)
    {
        var errors = new Dictionary<string, string[]>();
        Walk(request, "", errors, 0);
        return errors;
    }

    private static void Walk(object? value, string path, Dictionary<string, string[]> errors, int depth)
    {
        switch (value)
        {
            case null: return;
            case string text:
                if (Problem(text) is { } problem) errors[path.Length == 0 ? "body" : path] = [problem];
                return;
            case DateOnly date:
                if (BusinessDates.Problem(date) is { } outOfRange) errors[path] = [outOfRange];
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary) Walk(entry.Value, $"{path}.{entry.Key}", errors, depth + 1);
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items) Walk(item, $"{path}[{i++}]", errors, depth + 1);
                return;
        }
        var type = value.GetType();
        if (depth > 16 || type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("System") == true) return;
        foreach (var property in Properties(type))
            Walk(property.GetValue(value), path.Length == 0 ? Camel(property.Name) : $"{path}.{Camel(property.Name)}", errors, depth + 1);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, PropertyInfo[]> Cache = new();

    private static PropertyInfo[] Properties(Type type) => Cache.GetOrAdd(type,
        t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)]);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
