using System.Globalization;
using System.Text.Json.Nodes;

namespace LoiTracker.Api.Dashboard;

/// <summary>
/// The instant a page is seen as known at (<c>?asOf=</c>, ADR 24). The control sends a date and time read as UTC (the
/// server cannot know the reader's zone, ADR 22); a bare date means the end of that day in UTC, the last instant of it,
/// so everything recorded that day counts.
/// </summary>
public sealed record AsKnownAt(DateTimeOffset At, bool EndOfDay)
{
    private static readonly string[] DateTimes =
        ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"];

    /// <summary>The instant <paramref name="asOf"/> names, or why it names none the page can read.</summary>
    public static (AsKnownAt? At, string? Problem) Parse(string? asOf, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(asOf)) return (null, null);
        AsKnownAt? at = null;
        if (DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            at = new AsKnownAt(new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero), true);
        else if (DateTimeOffset.TryParseExact(asOf, DateTimes, CultureInfo.InvariantCulture,
                     DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            at = new AsKnownAt(instant, false);
        if (at is null) return (null, $"“{asOf}” is not a date and time: give one as 2026-03-31T18:00 (UTC).");
        return at.At > now ? (null, $"{at.Shown} has not happened yet: what is known now is the page itself.") : (at, null);
    }

    /// <summary>For the API's query string: RFC 3339, UTC, to the tick.</summary>
    public string Query => Uri.EscapeDataString(At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

    /// <summary>For a <c>datetime-local</c> input (read back as UTC): to the millisecond.</summary>
    public string InputValue => At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public string Shown => EndOfDay
        ? $"the end of {At.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} (23:59:59 UTC)"
        : At.UtcDateTime.ToString(At.UtcDateTime.Millisecond == 0 && At.UtcDateTime.Second == 0 ? "d MMM yyyy HH:mm 'UTC'" : "d MMM yyyy HH:mm:ss.fff 'UTC'",
            CultureInfo.InvariantCulture);
}

/// <summary>
/// What changed on a record between the instant a page is seen at and what the audit trail knows now
/// (<c>/api/{kind}/{id}/diff</c>): each field's value then and now, by the API's paths (<c>milestones[id].dueOn</c>).
/// </summary>
public sealed class SinceThen(JsonNode? diff)
{
    private readonly Dictionary<string, (string? Then, string? Now)> _fields =
        (diff?["fields"] as JsonArray ?? []).Select(f => f!).ToDictionary(f => Show.Text(f["field"]),
            f => (f["before"] is null ? null : Show.Text(f["before"]), f["after"] is null ? null : Show.Text(f["after"])));

    public static readonly SinceThen Nothing = new(null);

    public IReadOnlyDictionary<string, (string? Then, string? Now)> Fields => _fields;

    /// <summary>The changes recorded in between, oldest first, with who and why.</summary>
    public JsonArray Changes => diff?["changes"] as JsonArray ?? [];

    public long ChangesTotal => diff?["changesTotal"]?.GetValue<long>() ?? 0;

    /// <summary>Up to when "now" is known: the instant the comparison ends at.</summary>
    public JsonNode? To => diff?["to"];

    public (string? Then, string? Now)? Of(string path) => _fields.TryGetValue(path, out var change) ? change : null;

    /// <summary>Whether anything under <paramref name="prefix"/> (<c>provisions</c>, <c>milestones[id]</c>) changed.</summary>
    public bool Under(string prefix) => _fields.Keys.Any(k => k == prefix || k.StartsWith(prefix + ".") || k.StartsWith(prefix + "["));

    /// <summary>Items that exist now but did not then (a milestone planned since): the ids under <paramref name="list"/>.</summary>
    public IEnumerable<string> AddedUnder(string list) => _fields
        .Where(f => f.Key.StartsWith(list + "[") && f.Key.EndsWith("].id") && f.Value.Then is null && f.Value.Now is not null)
        .Select(f => f.Value.Now!);

    /// <summary>A path as a reader can follow it: ids replaced by the item's title when one is known.</summary>
    public string Readable(string path, IReadOnlyDictionary<string, string> titles)
    {
        var parts = path.Replace("]", "").Split(['.', '['], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => titles.TryGetValue(p, out var title) ? $"“{title}”"
                : Guid.TryParse(p, out _) ? "an item"
                : int.TryParse(p, out var index) ? $"#{index + 1}"
                : Show.Words(char.ToUpperInvariant(p[0]) + p[1..]));
        return string.Join(" › ", parts);
    }

    /// <summary>The titles of the items under any list, then or now, by id: for <see cref="Readable"/>.</summary>
    public Dictionary<string, string> Titles()
    {
        var titles = new Dictionary<string, string>();
        foreach (var (path, (then, now)) in _fields)
        {
            if (!path.EndsWith("].title") && !path.EndsWith("].heading")) continue;
            var open = path.LastIndexOf('[');
            titles[path[(open + 1)..path.LastIndexOf(']')]] = now ?? then ?? "";
        }
        return titles;
    }
}

/// <summary>
/// A page's record as known at <c>asOf</c>, and what changed since, read through the API (ADR 24): the past answer,
/// then the diff from that instant to the audit trail's mark (<c>knownUntil</c>: "now" as far as the audit trail knows;
/// an instant after it would be answered 503).
/// </summary>
public sealed class AsKnownRead
{
    public static readonly AsKnownRead None = new();

    public AsKnownAt? At { get; private init; }
    public string? Problem { get; private init; }
    /// <summary>Seconds the API asked to wait before the audit trail knows the instant (a 503).</summary>
    public int? RetryAfter { get; private init; }
    public ApiAnswer? Then { get; private init; }
    public SinceThen Since { get; private init; } = SinceThen.Nothing;
    public string? SinceProblem { get; private init; }

    /// <summary>The page shows the record as known then, read-only.</summary>
    public bool Showing => Then is { Ok: true };

    /// <summary>The control was used (well or not): the page offers no form.</summary>
    public bool Asked { get; private init; }

    public static async Task<AsKnownRead> Load(DashboardApi api, string kind, Guid id, string? asOf, DateTimeOffset now, string noun)
    {
        var (at, problem) = AsKnownAt.Parse(asOf, now);
        if (at is null) return new AsKnownRead { Problem = problem, Asked = problem is not null };
        var then = await api.Get($"/api/{kind}/{id}?asOf={at.Query}");
        if (then.Status == 503)
            return new AsKnownRead { At = at, Asked = true, RetryAfter = then.RetryAfterSeconds ?? 2 };
        if (then.Status == 404)
            return new AsKnownRead { At = at, Asked = true, Problem = $"This {noun} was not recorded yet at {at.Shown}, or was outside what you may see then." };
        if (!then.Ok) return new AsKnownRead { At = at, Asked = true, Problem = then.Title ?? "The past could not be read." };

        var mark = await api.Get($"/api/{kind}/{id}/history?pageSize=1");
        var until = Show.Text(mark.Body?["knownUntil"]);
        var diff = until.Length > 0 ? await api.Get($"/api/{kind}/{id}/diff?from={at.Query}&to={Uri.EscapeDataString(until)}") : null;
        return new AsKnownRead
        {
            At = at, Asked = true, Then = then, Since = diff is { Ok: true } ? new SinceThen(diff.Body) : SinceThen.Nothing,
            SinceProblem = diff is { Ok: true } ? null : "What changed since could not be read: no value is marked."
        };
    }
}
