using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Parties;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Milestones;

public sealed record CommitmentLink(Guid Id, string Title, string Workstream, Guid AgreementId, string AgreementTitle);

public sealed record MilestoneRow(ScheduledMilestone Milestone, string OwnerParty, CommitmentLink? Commitment);

public static class ReadMilestonesEndpoint
{
    /// <summary>
    /// Milestones by due date (undated last). <c>party</c>: the owner party or any party to the commitment;
    /// <c>from</c>/<c>to</c>: the resolved due date; <c>state</c>: planned, due-soon, overdue, pending, completed, closed.
    /// </summary>
    [WolverineGet("/api/milestones"), Authorize(Policy = Can.Read)]
    public static async Task<PageOf<MilestoneRow>> List(Guid? party, string? assignee, DateOnly? from, DateOnly? to, string? state,
        int? page, int? pageSize, IQuerySession session, TimeProvider clock, CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        if (state is not null && !MilestoneStates.All.Contains(state))
            throw new InvalidRequest(new Dictionary<string, string[]> { ["state"] = [$"Use one of: {string.Join(", ", MilestoneStates.All)}."] });

        var query = session.Query<MilestoneView>().AsQueryable();
        if (party is { } partyId)
        {
            var involved = await session.Query<CommitmentView>().Where(c => c.Parties.Contains(partyId)).Select(c => c.Id).ToListAsync(token);
            var ids = involved.ToArray();
            query = query.Where(m => m.OwnerPartyId == partyId || m.CommitmentId.IsOneOf(ids));
        }
        if (!string.IsNullOrWhiteSpace(assignee)) query = query.Where(m => m.Assignee == assignee.Trim());

        var scheduled = await Schedule.Resolve(session, await query.ToListAsync(token), clock.GetUtcNow(), token);
        var matching = scheduled
            .Where(m => state is null || m.State == state)
            .Where(m => from is null || m.DueOn >= from)
            .Where(m => to is null || m.DueOn <= to)
            .OrderBy(m => m.DueOn ?? DateOnly.MaxValue).ThenBy(m => m.Title)
            .ToList();
        var pageItems = matching.Skip(paging.Skip).Take(paging.PageSize).ToList();
        return new PageOf<MilestoneRow>(await Rows(session, pageItems, token), matching.Count, paging.Page, paging.PageSize);
    }

    [WolverineGet("/api/milestones/{id}"), Authorize(Policy = Can.Read)]
    public static async Task<MilestoneRow> Get(Guid id, IQuerySession session, TimeProvider clock, CancellationToken token)
    {
        var milestone = await session.LoadAsync<MilestoneView>(id, token) ?? throw new Domain.Common.NotFound("Milestone", id);
        var scheduled = await Schedule.Resolve(session, [milestone], clock.GetUtcNow(), token);
        return (await Rows(session, scheduled, token))[0];
    }

    public static async Task<IReadOnlyList<MilestoneRow>> Rows(IQuerySession session, IReadOnlyList<ScheduledMilestone> milestones,
        CancellationToken token)
    {
        if (milestones.Count == 0) return [];
        var commitments = (await session.LoadManyAsync<CommitmentView>(token, milestones.Select(m => m.CommitmentId).Distinct()))
            .ToDictionary(c => c.Id);
        var agreements = (await session.LoadManyAsync<AgreementView>(token, commitments.Values.Select(c => c.AgreementId).Distinct()))
            .ToDictionary(a => a.Id);
        var parties = (await session.LoadManyAsync<PartyView>(token, milestones.Select(m => m.OwnerPartyId).Distinct()))
            .ToDictionary(p => p.Id, p => p.Name);
        return [.. milestones.Select(m => new MilestoneRow(m, parties.GetValueOrDefault(m.OwnerPartyId) ?? "(unknown party)",
            commitments.GetValueOrDefault(m.CommitmentId) is { } c
                ? new CommitmentLink(c.Id, c.Title, c.Workstream, c.AgreementId, agreements.GetValueOrDefault(c.AgreementId)?.Title ?? "")
                : null))];
    }
}
