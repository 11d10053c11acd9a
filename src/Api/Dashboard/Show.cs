using System.Globalization;
using System.Text.Json.Nodes;

namespace LoiTracker.Api.Dashboard;

/// <summary>How the pages write values: dates as dates, instants in the reader's zone with UTC beside, names not ids.</summary>
public static class Show
{
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString()
    };

    public static string Date(JsonNode? node) =>
        DateOnly.TryParse(Text(node), CultureInfo.InvariantCulture, out var d) ? d.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : "—";

    /// <summary>An instant for a <c>time</c> element: shown in UTC (the page cannot know the reader's zone without a script), full value on hover.</summary>
    public static (string Shown, string Iso) Instant(JsonNode? node) =>
        DateTimeOffset.TryParse(Text(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture), at.UtcDateTime.ToString("O"))
            : ("—", "");

    public static string Parties(JsonNode? list) => list is JsonArray a && a.Count > 0 ? string.Join(", ", a.Select(p => Text(p?["name"]))) : "—";

    public static string Number(JsonNode? node) =>
        decimal.TryParse(Text(node), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n.ToString("#,0.##", CultureInfo.InvariantCulture) : "—";

    /// <summary>A stored URL is a link only when it is http(s) (issue 13): anything else is shown as text.</summary>
    public static bool IsWebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static string Words(string? pascal) => string.IsNullOrEmpty(pascal) ? "" : Domain.Audit.ChangeSentences.Words(pascal);

    /// <summary>
    /// The dashboard's page for a list the API links to: the register for <c>/api/commitments?…</c>, the milestone list for
    /// <c>/api/milestones?…</c>, the changes for <c>/api/changes?…</c>, with the same filters.
    /// </summary>
    public static string PageFor(JsonNode? apiLink)
    {
        var link = Text(apiLink);
        foreach (var (api, page) in new[] { ("/api/commitments", "/register"), ("/api/milestones", "/milestones"), ("/api/changes", "/changes"), ("/api/risk", "/risk") })
            if (link.StartsWith(api + "?", StringComparison.Ordinal) || link == api) return page + link[api.Length..];
        return "/";
    }

    /// <summary>The page of the record an audit entry is about: agreements and commitments have one; other records link to the changes.</summary>
    public static string RecordPage(JsonNode? entry) => Text(entry?["recordKind"]) switch
    {
        "agreement" => $"/agreements/{Text(entry?["recordId"])}",
        "commitment" => $"/commitments/{Text(entry?["recordId"])}",
        _ => "/changes"
    };
}
