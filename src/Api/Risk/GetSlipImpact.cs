using LoiTracker.Api.Access;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Risk;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Risk;

namespace LoiTracker.Api.Risk;

/// <summary>A commitment a slip would move: its level now and after, and the reasons it would then have (chains included).</summary>
public sealed record ImpactRow(Guid Id, string Title, string LevelNow, string LevelAfter, IReadOnlyList<Commitments.RiskReason> Reasons, bool NewConflict);

/// <summary>
/// A commitment that depends on the slipping milestone's commitment, directly (<c>hops</c> 1) or through others: its
/// level now and after the slip (ADR 23). Listed whether or not the slip moves it, so "what hangs on this" has an answer
/// even when no date moves.
/// </summary>
public sealed record DownstreamRow(Guid Id, string Title, int Hops, string LevelNow, string LevelAfter, bool LevelChanges);

/// <summary>
/// What a slip of <c>slipDays</c> on a milestone would put at risk, worked out without writing anything. <c>dueKnown</c>
/// false: the milestone has no due date yet (<c>pendingOn</c> says what it waits on), so the slip moves no date and
/// hits nothing; <c>downstream</c> still says what depends on its commitment (ADR 23).
/// </summary>
public sealed record SlipImpact(Guid MilestoneId, string Milestone, DateOnly? DueOn, DateOnly? WouldBeDueOn, int SlipDays, IReadOnlyList<ImpactRow> Hit,
    int OutsideScope, bool DueKnown, string? PendingOn, IReadOnlyList<DownstreamRow> Downstream, int DownstreamOutsideScope, bool DownstreamTruncated);

public static class GetSlipImpactEndpoint
{
    public const int MaxSlipDays = 3650;

    /// <summary>
    /// Which downstream commitments would become at risk or conflict if <c>milestone</c> slipped by <c>slipDays</c>: the
    /// same rules and the same propagation the daemon runs, over the milestone's commitment moved in memory. Nothing
    /// is written. <c>downstream</c>: every commitment that depends on the milestone's commitment, transitively, with its
    /// level now and after, also when the milestone has no due date yet and the slip can move nothing (<c>dueKnown</c>).
    /// Commitments outside the reader's scope are counted, never named.
    /// </summary>
    [WolverineGet("/api/risk/impact"), Authorize(Policy = Can.Read)]
    [Scoped("a milestone the user does not see is a 404; commitments it would hit outside the scope are only counted")]
    public static async Task<SlipImpact> Get(Guid? milestone, int? slipDays, IQuerySession session, Visibility visibility, TimeProvider clock,
        CancellationToken token)
    {
        var errors = new Dictionary<string, string[]>();
        if (milestone is null || milestone == Guid.Empty) errors["milestone"] = ["Name the milestone that would slip."];
        if (slipDays is null or < 1 or > MaxSlipDays) errors["slipDays"] = [$"Give the slip in days, from 1 to {MaxSlipDays}."];
        if (errors.Count > 0) throw new InvalidRequest(errors);
        var id = milestone!.Value;
        if (!await visibility.Sees(ScopedKind.Milestone, id) || await session.LoadAsync<MilestoneView>(id, token) is not { } view)
            throw new NotFound("Milestone", id);

        var graph = new StoredRiskGraph(session, token);
        var facts = (await graph.Facts([view.CommitmentId])).GetValueOrDefault(view.CommitmentId) ?? throw new NotFound("Milestone", id);
        var moving = facts.Milestones.FirstOrDefault(m => m.Id == id);
        var movedDue = moving?.DueOn?.AddDays(slipDays!.Value);
        var slipped = facts with
        {
            Milestones = [.. facts.Milestones.Select(m => m.Id == id && movedDue is { } due
                ? m with { DueOn = due, FallsDueAt = BusinessCalendar.FallsDueAt(due, facts.TimeZone) } : m)]
        };
        var now = clock.GetUtcNow();
        var after = await Domain.Risk.RiskGraph.Recompute([view.CommitmentId], new Slipped(graph, slipped), now);
        var before = await graph.Risks([.. after.Keys]);

        // Hit: a commitment whose level would rise, or which would gain a schedule conflict.
        var hitIds = after.Where(a => a.Value.Level > (before.GetValueOrDefault(a.Key)?.Level ?? RiskLevel.None)
                        || a.Value.Reasons.Any(r => r.Code == "schedule-conflict") && !(before.GetValueOrDefault(a.Key)?.Reasons.Any(r => r.Code == "schedule-conflict") ?? false))
            .Select(a => a.Key).ToList();
        var seen = await visibility.Visible(ScopedKind.Commitment, hitIds.Concat(after.Values.SelectMany(r => r.Reasons).SelectMany(r => r.Chain)
            .Where(l => l.Kind == "commitment").Select(l => l.Id)));
        var titles = await graph.Facts(hitIds);
        var rows = hitIds.Where(seen.Contains).Select(hit =>
        {
            var was = before.GetValueOrDefault(hit) ?? NodeRisk.Nothing;
            var will = after[hit];
            return new ImpactRow(hit, titles.GetValueOrDefault(hit)?.Title ?? "", RiskLevelNames.Of(was.Level), RiskLevelNames.Of(will.Level),
                [.. will.Reasons.Select(r => RiskReading.Masked(r, seen))],
                will.Reasons.Any(r => r.Code == "schedule-conflict") && !was.Reasons.Any(r => r.Code == "schedule-conflict"));
        }).OrderByDescending(r => RiskLevelNames.TryParse(r.LevelAfter, out var l) ? (int)l : 0).ThenBy(r => r.Title).ToList();

        // Everything that hangs on the milestone's commitment, named when in scope, counted when not (ADR 16, ADR 23).
        var (downstream, truncated) = await DownstreamOf(view.CommitmentId, graph);
        var seenDownstream = await visibility.Visible(ScopedKind.Commitment, downstream.Keys);
        var levelsNow = await graph.Risks([.. downstream.Keys]);
        var downstreamTitles = await graph.Facts([.. downstream.Keys.Where(seenDownstream.Contains)]);
        var downstreamRows = downstream.Where(d => seenDownstream.Contains(d.Key)).Select(d =>
        {
            var was = levelsNow.GetValueOrDefault(d.Key)?.Level ?? RiskLevel.None;
            var will = after.GetValueOrDefault(d.Key)?.Level ?? was;
            return new DownstreamRow(d.Key, downstreamTitles.GetValueOrDefault(d.Key)?.Title ?? "", d.Value, RiskLevelNames.Of(was), RiskLevelNames.Of(will),
                will != was);
        }).OrderBy(r => r.Hops).ThenBy(r => r.Title, StringComparer.Ordinal).ToList();

        // A due date not known yet (waiting on a condition, an anchor, the signature): say what it waits on.
        var pendingOn = movedDue is null
            ? (await Projections.Reading.Schedules.Resolve(session, [view], now, token)).FirstOrDefault()?.PendingOn
            : null;
        return new SlipImpact(id, view.Title, moving?.DueOn, movedDue, slipDays!.Value, rows, hitIds.Count(h => !seen.Contains(h)),
            movedDue is not null, pendingOn, downstreamRows, downstream.Count - downstreamRows.Count, truncated);
    }

    /// <summary>The commitments that depend on <paramref name="start"/>, transitively, each with its fewest hops; at most MaxNodes.</summary>
    private static async Task<(Dictionary<Guid, int> Hops, bool Truncated)> DownstreamOf(Guid start, StoredRiskGraph graph)
    {
        var hops = new Dictionary<Guid, int>();
        IReadOnlyCollection<Guid> frontier = [start];
        for (var hop = 1; frontier.Count > 0; hop++)
        {
            var next = (await graph.Downstream(frontier)).Where(id => id != start && !hops.ContainsKey(id)).Order().ToList();
            foreach (var id in next)
            {
                if (hops.Count >= GetRiskGraphEndpoint.MaxNodes) return (hops, true);
                hops[id] = hop;
            }
            frontier = next;
        }
        return (hops, false);
    }

    /// <summary>The stored graph with one commitment's facts replaced by their slipped version: read, never written.</summary>
    private sealed class Slipped(StoredRiskGraph stored, CommitmentRiskFacts slipped) : IRiskGraphSource
    {
        public async Task<IReadOnlyDictionary<Guid, CommitmentRiskFacts>> Facts(IReadOnlyCollection<Guid> ids)
        {
            var found = (await stored.Facts(ids)).ToDictionary();
            if (found.ContainsKey(slipped.Id)) found[slipped.Id] = slipped;
            return found;
        }

        public Task<IReadOnlyDictionary<Guid, NodeRisk>> Risks(IReadOnlyCollection<Guid> ids) => stored.Risks(ids);

        public Task<IReadOnlyCollection<Guid>> Downstream(IReadOnlyCollection<Guid> ids) => stored.Downstream(ids);
    }
}
