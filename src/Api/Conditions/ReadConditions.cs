using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Common;
using LoiTracker.Projections.Conditions;
using LoiTracker.Projections.Milestones;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Conditions;

/// <summary>A condition as read: <c>late</c> when still open after its expected date, and what waits on it.</summary>
public sealed record ConditionDetails(Guid Id, long Version, string Title, ConditionKind Kind, DateOnly? ExpectedBy, bool Late,
    Guid? SatisfiedWhenAgreementSigned, ConditionStatus Status, DateOnly? SettledOn, bool SatisfiedAutomatically, string? Reason,
    Evidence? Evidence, IReadOnlyList<Guid> WaitingCommitments, IReadOnlyList<Guid> WaitingMilestones, DateTimeOffset RecordedAt,
    LastChange? LastChange);

public static class ReadConditionsEndpoint
{
    [WolverineGet("/api/conditions"), Authorize(Policy = Can.Read)]
    public static async Task<PageOf<ConditionDetails>> List(string? status, int? page, int? pageSize, IQuerySession session, TimeProvider clock,
        CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        var query = session.Query<ConditionView>().AsQueryable();
        if (status is not null)
        {
            if (!Enum.TryParse<ConditionStatus>(status, ignoreCase: true, out var s))
                throw new InvalidRequest(new Dictionary<string, string[]> { ["status"] = [$"Use one of: {string.Join(", ", Enum.GetNames<ConditionStatus>())}."] });
            query = query.Where(c => c.Status == s);
        }
        var results = await query.OrderBy(c => c.Title).ToPagedListAsync(paging.Page, paging.PageSize, token);
        return new PageOf<ConditionDetails>(await Details(session, [.. results], clock.GetUtcNow(), token), results.TotalItemCount, paging.Page,
            paging.PageSize);
    }

    [WolverineGet("/api/conditions/{id}"), Authorize(Policy = Can.Read)]
    public static async Task<ConditionDetails> Get(Guid id, IQuerySession session, TimeProvider clock, CancellationToken token)
    {
        var view = await session.LoadAsync<ConditionView>(id, token) ?? throw new NotFound("Condition", id);
        return (await Details(session, [view], clock.GetUtcNow(), token))[0];
    }

    private static async Task<IReadOnlyList<ConditionDetails>> Details(IQuerySession session, IReadOnlyList<ConditionView> views,
        DateTimeOffset now, CancellationToken token)
    {
        var batch = session.CreateBatchQuery();
        var waiting = views.Select(v => (
            Commitments: batch.Query<CommitmentView>().Where(c => c.ConditionIds.Contains(v.Id)).Select(c => c.Id).ToList(),
            Milestones: batch.Query<MilestoneView>().Where(m => m.ConditionIds.Contains(v.Id)).Select(m => m.Id).ToList())).ToList();
        if (views.Count > 0) await batch.Execute(token);

        var details = new List<ConditionDetails>();
        for (var i = 0; i < views.Count; i++)
        {
            var v = views[i];
            // Late once the expected date has ended everywhere (UTC-12) and the condition is still open.
            var late = v is { Status: ConditionStatus.Open, ExpectedBy: { } expected } && now >= BusinessCalendar.FallsDueAt(expected, "Etc/GMT+12");
            details.Add(new ConditionDetails(v.Id, v.Version, v.Title, v.Kind, v.ExpectedBy, late, v.SatisfiedWhenAgreementSigned, v.Status,
                v.SettledOn, v.SatisfiedAutomatically, v.Reason, v.Evidence, await waiting[i].Commitments, await waiting[i].Milestones,
                v.RecordedAt, v.LastChange));
        }
        return details;
    }
}
