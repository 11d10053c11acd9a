using System.Text.Json.Nodes;

namespace LoiTracker.Api.Dashboard;

/// <summary>How the risk page writes a level: in words and as a class (colour and border), never by colour alone (ADR 23).</summary>
public static class RiskShown
{
    public static string Words(string? level) => level switch
    {
        "critical" => "critical",
        "at-risk" => "at risk",
        "watch" => "watch",
        _ => "no risk"
    };

    public static string Class(string? level) => level is "critical" or "at-risk" or "watch" ? $"level-{level}" : "level-none";

    /// <summary>A reason's chain as links and text: the commitments joined by ←, the milestone or condition at its end.</summary>
    public static IReadOnlyList<(string Kind, string? Id, string Title)> Chain(JsonNode? reason) =>
        (reason?["chain"] as JsonArray ?? []).Select(n => (Show.Text(n?["kind"]), Show.Text(n?["id"]) is { Length: > 0 } id && id != Guid.Empty.ToString() ? id : null,
            Show.Text(n?["title"]))).ToList();
}
