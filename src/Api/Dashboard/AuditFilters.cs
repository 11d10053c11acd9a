using System.Globalization;

namespace LoiTracker.Api.Dashboard;

/// <summary>
/// The audit log's filters as the page keeps them in its URL (days, as a date field gives them) and as <c>/api/audit</c>
/// takes them (instants): shared by the page and its downloads, so a download holds exactly what the page lists.
/// </summary>
public static class AuditFilters
{
    /// <summary>The query for <c>/api/audit</c> or its export: only the filters given, <c>to</c> as the end of its day (the day is included).</summary>
    public static string ApiQuery(string? actor, string? from, string? to, string? stream, string? eventType, string? more = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrWhiteSpace(value)) parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}"); }
        Add("actor", actor);
        Add("from", Day(from, TimeSpan.Zero));
        Add("to", Day(to, TimeSpan.FromDays(1) - TimeSpan.FromTicks(1)));
        Add("stream", stream);
        Add("eventType", eventType);
        if (more is not null) parts.Add(more);
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    /// <summary>The same filters as the page's own URL (days as given).</summary>
    public static string PageQuery(string? actor, string? from, string? to, string? stream, string? eventType, string? more = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrWhiteSpace(value)) parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}"); }
        Add("actor", actor);
        Add("from", from);
        Add("to", to);
        Add("stream", stream);
        Add("eventType", eventType);
        if (more is not null) parts.Add(more);
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    /// <summary>A UTC day as the instant <paramref name="at"/> into it; anything else as given, for the API to name what is wrong with it.</summary>
    private static string? Day(string? value, TimeSpan at) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).Add(at).ToString("O", CultureInfo.InvariantCulture)
            : value;
}
