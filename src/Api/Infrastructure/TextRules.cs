using System.Collections;
using System.Reflection;
using System.Text;

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
        Walk(request, [], errors);
        return errors;
    }

    /// <summary>
    /// One step of the way to a field: a property (camelCase, as the client sent it), a dictionary key, or a list index.
    /// The path is spelled out only for a field that breaks a rule: a bundle of 40,000 items has a million fields.
    /// </summary>
    private readonly record struct Step(string? Name, bool IsKey, int Index);

    private static void Walk(object? value, List<Step> path, Dictionary<string, string[]> errors)
    {
        switch (value)
        {
            case null: return;
            case string text:
                if (Problem(text) is { } problem) errors[path.Count == 0 ? "body" : PathOf(path)] = [problem];
                return;
            case DateOnly date:
                if (BusinessDates.Problem(date) is { } outOfRange) errors[PathOf(path)] = [outOfRange];
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary) Into(entry.Value, new Step($"{entry.Key}", true, 0), path, errors);
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items) Into(item, new Step(null, false, i++), path, errors);
                return;
        }
        var type = value.GetType();
        if (path.Count > 16 || type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("System") == true) return;
        foreach (var (property, name) in Properties(type)) Into(property.GetValue(value), new Step(name, false, 0), path, errors);
    }

    private static void Into(object? value, Step step, List<Step> path, Dictionary<string, string[]> errors)
    {
        path.Add(step);
        Walk(value, path, errors);
        path.RemoveAt(path.Count - 1);
    }

    /// <summary>"commitments[3].quantity.unit"; a dictionary's key is written after a dot, even first.</summary>
    private static string PathOf(List<Step> path)
    {
        var text = new StringBuilder();
        foreach (var step in path)
        {
            if (step.IsKey) text.Append('.').Append(step.Name);
            else if (step.Name is { } name) text.Append(text.Length == 0 ? "" : ".").Append(name);
            else text.Append('[').Append(step.Index).Append(']');
        }
        return text.ToString();
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (PropertyInfo Property, string Name)[]> Cache = new();

    private static (PropertyInfo Property, string Name)[] Properties(Type type) => Cache.GetOrAdd(type,
        t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .Select(p => (p, Camel(p.Name)))]);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
