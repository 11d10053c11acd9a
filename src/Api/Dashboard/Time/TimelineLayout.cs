using System.Globalization;
using System.Text.Json.Nodes;

namespace LoiTracker.Api.Dashboard.Time;

/// <summary>A milestone as the timeline draws it, read from <c>/api/milestones</c>.</summary>
public sealed record TimelineMilestone(string Id, string CommitmentId, string Title, DateOnly? DueOn, string State, string? PendingOn,
    string? AfterMilestoneId, DateOnly? CompletedOn, string OwnerParty)
{
    public static TimelineMilestone From(JsonNode item)
    {
        var m = item["milestone"]!;
        return new TimelineMilestone(Show.Text(m["id"]), Show.Text(m["commitmentId"]), Show.Text(m["title"]), Day(m["dueOn"]),
            Normal(Show.Text(m["state"])), m["pendingOn"] is null ? null : Show.Text(m["pendingOn"]),
            m["due"]?["after"]?["milestoneId"] is { } after ? Show.Text(after) : null, Day(m["completedOn"]), Show.Text(item["ownerParty"]));
    }

    /// <summary>The state as a word a reader sees beside its shape (never colour alone).</summary>
    public string StateWords => State switch { "duesoon" => "due soon", _ => State };

    /// <summary>Still to do: what a due date before the window still matters for.</summary>
    public bool Open => State is not ("completed" or "closed");

    private static string Normal(string state) => state.Replace("-", "").Replace("_", "").ToLowerInvariant();

    private static DateOnly? Day(JsonNode? node) =>
        DateOnly.TryParse(Show.Text(node), CultureInfo.InvariantCulture, out var d) ? d : null;
}

/// <summary>A row: one commitment, under its group (its agreement, or who owes it).</summary>
public sealed record TimelineRow(string CommitmentId, string Title, string Group, IReadOnlyList<TimelineMilestone> Milestones);

/// <summary>A dependency between two rows: <c>Downstream</c> needs <c>Upstream</c> (or one of its milestones) first.</summary>
public sealed record TimelineEdge(string Downstream, string Upstream, string? UpstreamMilestone, bool Conflict, bool Illustrative);

/// <summary>The window the timeline shows; by default three months back to twelve ahead (ADR 24).</summary>
public sealed record TimelineWindow(DateOnly From, DateOnly To, DateOnly Today)
{
    public const int MaxMonths = 60;

    public static (TimelineWindow Window, string? Problem) Parse(string? from, string? to, DateOnly today)
    {
        var defaults = new TimelineWindow(today.AddMonths(-3), today.AddMonths(12), today);
        DateOnly? Day(string? text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var (start, end) = (Day(from), Day(to));
        if (!string.IsNullOrEmpty(from) && start is null || !string.IsNullOrEmpty(to) && end is null)
            return (defaults, "A window date is not a date (give 2026-03-31): the default window is shown.");
        // One end given: the other keeps the default's fifteen months.
        var window = new TimelineWindow(start ?? end?.AddMonths(-15) ?? defaults.From, end ?? start?.AddMonths(15) ?? defaults.To, today);
        if (window.To <= window.From) return (defaults, "The window ends before it starts: the default window is shown.");
        if (window.From.AddMonths(MaxMonths) < window.To)
            return (window with { To = window.From.AddMonths(MaxMonths) }, $"A window is at most {MaxMonths / 12} years: it is cut at {window.From.AddMonths(MaxMonths).ToString("d MMM yyyy", CultureInfo.InvariantCulture)}.");
        return (window, null);
    }

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>Drawn: due inside the window, or still open though due before it (drawn at its left edge, with its date).</summary>
    public bool Draws(TimelineMilestone m) => m.DueOn is { } due && (Contains(due) || due < From && m.Open);
}

/// <summary>Where everything goes in the drawing (a viewBox of fixed width; the page scrolls it sideways on a phone).</summary>
public sealed class TimelineLayout
{
    public const int Width = 1000, Left = 270, Right = 980, Top = 44, RowHeight = 28, GroupHeight = 26, Bottom = 20;

    public TimelineWindow Window { get; }
    public IReadOnlyList<(string Group, double Y, IReadOnlyList<(TimelineRow Row, double Y)> Rows)> Groups { get; }
    public double Height { get; }

    public TimelineLayout(TimelineWindow window, IReadOnlyList<TimelineRow> rows)
    {
        Window = window;
        var y = (double)Top;
        var groups = new List<(string, double, IReadOnlyList<(TimelineRow, double)>)>();
        foreach (var group in rows.GroupBy(r => r.Group))
        {
            var groupY = y;
            y += GroupHeight;
            var placed = new List<(TimelineRow, double)>();
            foreach (var row in group)
            {
                placed.Add((row, y + RowHeight / 2.0));
                y += RowHeight;
            }
            groups.Add((group.Key, groupY, placed));
        }
        Groups = groups;
        Height = y + Bottom;
    }

    public double X(DateOnly day)
    {
        var span = Window.To.DayNumber - Window.From.DayNumber;
        var at = Math.Clamp(day.DayNumber - Window.From.DayNumber, 0, span);
        return Math.Round(Left + (Right - Left) * (double)at / span, 1);
    }

    public double? RowY(string commitmentId) =>
        Groups.SelectMany(g => g.Rows).Where(r => r.Row.CommitmentId == commitmentId).Select(r => (double?)r.Y).FirstOrDefault();

    /// <summary>The first of each month in the window (every month, or fewer when the window is long), with its year on the first and on each January.</summary>
    public IEnumerable<(DateOnly Day, string Month, string? Year)> Ticks()
    {
        var months = (Window.To.Year - Window.From.Year) * 12 + Window.To.Month - Window.From.Month;
        var step = Math.Max(1, (months + 17) / 18);
        var first = new DateOnly(Window.From.Year, Window.From.Month, 1);
        if (first < Window.From) first = first.AddMonths(1);
        for (var (day, i) = (first, 0); day <= Window.To; day = day.AddMonths(step), i++)
            yield return (day, day.ToString("MMM", CultureInfo.InvariantCulture),
                i == 0 || day.Month <= step ? day.Year.ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>An arrow from the upstream's finish (its milestone, or its last mark) to the downstream's start (its first mark).</summary>
    public (double X1, double Y1, double X2, double Y2)? Arrow(TimelineEdge edge, IReadOnlyDictionary<string, TimelineRow> rows)
    {
        if (RowY(edge.Upstream) is not { } y1 || RowY(edge.Downstream) is not { } y2) return null;
        var upstream = rows[edge.Upstream].Milestones.Where(Window.Draws).ToList();
        var downstream = rows[edge.Downstream].Milestones.Where(Window.Draws).ToList();
        var finish = upstream.FirstOrDefault(m => m.Id == edge.UpstreamMilestone) is { } named ? X(named.DueOn!.Value)
            : upstream.Count > 0 ? upstream.Max(m => X(m.DueOn!.Value)) : Left;
        var start = downstream.Count > 0 ? downstream.Min(m => X(m.DueOn!.Value)) : Left;
        return (finish, y1, start, y2);
    }
}
