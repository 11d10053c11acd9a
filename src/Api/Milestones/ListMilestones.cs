using LoiTracker.Projections.Milestones;
using Marten.Pagination;

namespace LoiTracker.Api.Milestones;

public static class ListMilestonesEndpoint
{
    /// <summary>A query string of 100 ids stays under 4 KB, the length proxies commonly accept.</summary>
    public const int MaxCommitments = 100;

    /// <summary>
    /// Milestones by due date (undated last). <c>party</c>: the owner party or any party to the commitment;
    /// <c>commitment</c> (repeatable, up to 100): only those commitments' milestones, as a timeline page asks for its rows (ADR 24);
    /// <c>from</c>/<c>to</c>: the resolved due date; <c>state</c>: planned, due-soon, overdue, pending, completed, closed.
    /// Read from the schedule view (kept by the daemon, ADR 12): filtered, counted and paged by PostgreSQL, never in memory.
    /// </summary>
    [WolverineGet("/api/milestones"), Authorize(Policy = Can.Read)]
    [Access.Scoped("the milestones of commitments the user sees (Visibility.Page)")]
    public static async Task<PageOf<MilestoneRow>> Get(Guid? party, Guid[]? commitment, string? assignee, DateOnly? from, DateOnly? to,
        [OneOf(typeof(MilestoneState))] string? state,
        int? page, int? pageSize, IQuerySession session, Access.Visibility visibility, TimeProvider clock, CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        MilestoneState? wanted = null;
        if (state is not null)
        {
            if (!MilestoneStateNames.TryParse(state, out var parsed))
                throw new InvalidRequest(new Dictionary<string, string[]> { ["state"] = [$"Use one of: {string.Join(", ", MilestoneStateNames.All)}."] });
            wanted = parsed;
        }
        if (commitment is { Length: > MaxCommitments })
            throw new InvalidRequest(new Dictionary<string, string[]> { ["commitment"] = [$"Name at most {MaxCommitments} commitments."] });

        var now = clock.GetUtcNow();
        var query = session.Query<MilestoneScheduleView>().AsQueryable();
        if (party is { } partyId) query = query.Where(m => m.Parties.Contains(partyId));
        if (commitment is { Length: > 0 } commitments) query = query.Where(m => m.CommitmentId.IsOneOf(commitments));
        if (!string.IsNullOrWhiteSpace(assignee)) query = query.Where(m => m.Assignee == assignee.Trim());
        if (from is { } first) query = query.Where(m => m.DueOn >= first);
        if (to is { } last) query = query.Where(m => m.DueOn <= last);
        if (wanted is { } s) query = InState(query, s, now, MilestoneSchedule.DefaultDueSoonWindow);

        // PostgreSQL sorts undated (null) milestones last.
        var results = await visibility.Page(() => query.OrderBy(m => m.DueOn).ThenBy(m => m.Title).ThenBy(m => m.Id), paging, token);
        var current = await session.LoadManyAsync<MilestoneView>(token, results.Items.Select(m => m.Id));
        var scheduled = await Projections.Reading.Schedules.Resolve(session, [.. current], now, token);
        var byId = scheduled.ToDictionary(m => m.Id);
        return new PageOf<MilestoneRow>(await MilestoneRow.For(session, [.. results.Items.Select(r => byId.GetValueOrDefault(r.Id)).OfType<Projections.Reading.ScheduledMilestone>()], token),
            results.Total, paging.Page, paging.PageSize);
    }

    /// <summary>
    /// <see cref="MilestoneSchedule.StateOn(DateTimeOffset, TimeSpan)"/> as a filter PostgreSQL runs on the view's columns.
    /// A test holds the two to the same answer.
    /// </summary>
    public static IQueryable<MilestoneScheduleView> InState(IQueryable<MilestoneScheduleView> query, MilestoneState state, DateTimeOffset now,
        TimeSpan window)
    {
        var soon = now + window;
        return state switch
        {
            MilestoneState.Completed => query.Where(m => m.Completed),
            MilestoneState.Closed => query.Where(m => !m.Completed && m.Closed),
            MilestoneState.Pending => query.Where(m => !m.Completed && !m.Closed && (m.PendingOn != null || m.FallsDueAt == null)),
            MilestoneState.Overdue => query.Where(m => !m.Completed && !m.Closed && m.PendingOn == null && m.FallsDueAt <= now),
            MilestoneState.DueSoon => query.Where(m => !m.Completed && !m.Closed && m.PendingOn == null && m.FallsDueAt > now && m.FallsDueAt <= soon),
            _ => query.Where(m => !m.Completed && !m.Closed && m.PendingOn == null && m.FallsDueAt > soon)
        };
    }
}
