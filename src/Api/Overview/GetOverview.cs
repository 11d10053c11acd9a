using LoiTracker.Api.Milestones;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Risk;
using LoiTracker.Projections.Audit;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Reading;
using LoiTracker.Projections.Risk;

namespace LoiTracker.Api.Overview;

/// <summary>Open commitments in one workstream of a party, and the register filtered to exactly those.</summary>
public sealed record OverviewCell(string Workstream, int Open, string Register);

/// <summary>A party's open commitments (as obligor or beneficiary), by workstream.</summary>
public sealed record OverviewParty(Guid PartyId, string Name, int Open, IReadOnlyList<OverviewCell> Workstreams, string Register);

/// <summary>How many commitments are at each risk level; <c>/api/risk</c> lists them with their reasons.</summary>
public sealed record OverviewRisk(int Watch, int AtRisk, int Critical, string Register);

/// <summary>Milestones in one state: how many, and the first of them by due date.</summary>
public sealed record OverviewMilestones(int Total, IReadOnlyList<MilestoneRow> First, string List);

/// <summary>
/// What a partnership lead reads on a Monday morning: open commitments by party and workstream, overdue milestones,
/// milestones due in the next 30 days, commitments at risk, and how many changes were recorded in the last 7 days (the
/// latest five of them newest first), each
/// with the API list behind it. Everything is counted over what the reader sees.
/// </summary>
public sealed record Overview(DateTimeOffset At, int Open, string OpenRegister, IReadOnlyList<OverviewParty> Parties, OverviewMilestones Overdue,
    OverviewMilestones DueWithin30Days, OverviewRisk Risk, long ChangesLast7Days, string Changes, IReadOnlyList<Audit.HistoryEntry> LatestChanges,
    DateTimeOffset? ChangesKnownUntil);

public static class GetOverviewEndpoint
{
    public static readonly TimeSpan DueWindow = TimeSpan.FromDays(30);
    public const int FirstMilestones = 10;
    public const int LatestChanges = 5;

    private sealed record PartyCount(Guid Party, string Workstream, int Count);

    /// <summary>
    /// The overview (ADR 26): every figure counted by PostgreSQL through the views' indexes, never by reading the records
    /// into memory, so its cost follows the number of groups, not of commitments; "due in the next 30 days" and
    /// "overdue" use the milestone list's own state filter, so the figures and the lists they link to agree.
    /// </summary>
    [WolverineGet("/api/overview"), Authorize(Policy = Can.Read)]
    [Access.Scoped("counts and lists over the records the user sees (Visibility.CommitmentIds, Visibility.Only)")]
    public static async Task<Overview> Get(IQuerySession session, Access.Visibility visibility, TimeProvider clock, System.Security.Claims.ClaimsPrincipal user,
        Access.ReadLog reads, CancellationToken token)
    {
        var now = clock.GetUtcNow();
        var seen = await visibility.CommitmentIds();
        var scoped = seen is null ? "" : " and c.id = any(?)";
        var open = CommitmentStatuses.Open.Select(s => s.ToString()).ToArray();

        var commitments = session.DocumentStore.Options.Schema.For<CommitmentView>(qualified: true);
        var counts = await session.AdvancedSql.QueryAsync<PartyCount>(
            $"select json_build_object('party', p.party, 'workstream', c.data ->> 'workstream', 'count', count(*)) from {commitments} c " +
            $"cross join lateral jsonb_array_elements_text(c.data -> 'parties') as p(party) " +
            $"where c.data ->> 'status' = any(?){scoped} group by p.party, c.data ->> 'workstream'",
            token, seen is null ? [open] : [open, seen]);
        var openTotal = await (await visibility.Only(session.Query<CommitmentView>()))
            .Where(c => c.Status.IsOneOf(CommitmentStatuses.Open)).CountAsync(token);
        var names = await References.Parties(session, counts.Select(c => c.Party), token);
        var parties = counts.GroupBy(c => c.Party).Where(g => names.ContainsKey(g.Key))
            .Select(g => new OverviewParty(g.Key, names[g.Key].Name, g.Sum(c => c.Count),
                [.. g.OrderBy(c => c.Workstream).Select(c => new OverviewCell(c.Workstream, c.Count,
                    $"/api/commitments?party={g.Key}&workstream={Uri.EscapeDataString(c.Workstream)}&status={CommitmentStatuses.OpenFilter}"))],
                $"/api/commitments?party={g.Key}&status={CommitmentStatuses.OpenFilter}"))
            .OrderBy(p => p.Name).ToList();

        var overdue = await Milestones(session, visibility, MilestoneState.Overdue, now, MilestoneSchedule.DefaultDueSoonWindow, token);
        var dueSoon = await Milestones(session, visibility, MilestoneState.DueSoon, now, DueWindow, token);

        var risks = session.DocumentStore.Options.Schema.For<RiskView>(qualified: true);
        var levels = (await session.AdvancedSql.QueryAsync<LevelCount>(
            $"select json_build_object('rank', rank, 'count', n) from (select (c.data ->> 'rank')::int as rank, count(*) as n from {risks} c " +
            $"where (c.data ->> 'rank')::int > 0{scoped} group by 1) levels", token, seen is null ? [] : [seen]))
            .ToDictionary(l => l.Rank, l => l.Count);

        var mark = await AuditCopy.Read(session, token);
        var since = now - Audit.ListChangesEndpoint.DefaultWindow;
        // The latest changes newest first, through the commit-time index backwards: the changes list itself is oldest first.
        var (latest, changes) = await AuditEntries.Page(session.DocumentStore,
            new AuditQuery(From: since, ChangesOnly: true, WithPrivileged: false, VisibleRecords: await visibility.RecordIds()), 0, LatestChanges,
            newestFirst: true, token);

        return new Overview(now, openTotal, $"/api/commitments?status={CommitmentStatuses.OpenFilter}", parties,
            overdue with { List = "/api/milestones?state=overdue" },
            dueSoon with { List = $"/api/milestones?from={DateOnly.FromDateTime(now.UtcDateTime):yyyy-MM-dd}&to={DateOnly.FromDateTime((now + DueWindow).UtcDateTime):yyyy-MM-dd}" },
            new OverviewRisk(levels.GetValueOrDefault((int)RiskLevel.Watch), levels.GetValueOrDefault((int)RiskLevel.AtRisk),
                levels.GetValueOrDefault((int)RiskLevel.Critical), "/api/risk"),
            changes, $"/api/changes?since={Uri.EscapeDataString(since.ToString("O"))}",
            await Audit.HistoryReading.Entries(latest, session, user, visibility, reads, token), mark.KnownUntil);
    }

    /// <summary>The milestones in one state (the milestone list's own filter), counted, with the first few by due date.</summary>
    private static async Task<OverviewMilestones> Milestones(IQuerySession session, Access.Visibility visibility, MilestoneState state,
        DateTimeOffset now, TimeSpan window, CancellationToken token)
    {
        var page = await visibility.Page(() => ListMilestonesEndpoint.InState(session.Query<MilestoneScheduleView>(), state, now, window)
            .OrderBy(m => m.DueOn).ThenBy(m => m.Title).ThenBy(m => m.Id), new Paging(1, FirstMilestones), token);
        var current = await session.LoadManyAsync<MilestoneView>(token, page.Items.Select(m => m.Id));
        var scheduled = (await Schedules.Resolve(session, [.. current], now, token)).ToDictionary(m => m.Id);
        var rows = await MilestoneRow.For(session, [.. page.Items.Select(m => scheduled.GetValueOrDefault(m.Id)).OfType<ScheduledMilestone>()], token);
        return new OverviewMilestones((int)page.Total, rows, "");
    }
}

file sealed record LevelCount(int Rank, int Count);
