using LoiTracker.Domain.Common;
using LoiTracker.Domain.Milestones;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Reading;
using Marten;

namespace LoiTracker.Api.Commitments;

/// <summary>Register rows for a page of commitments: names, agreements, milestone states and deliveries read in batched queries.</summary>
public static class RegisterRows
{
    public static async Task<IReadOnlyList<RegisterRow>> For(IQuerySession session, IReadOnlyList<CommitmentView> views, DateTimeOffset now,
        CancellationToken token)
    {
        if (views.Count == 0) return [];
        var ids = views.Select(v => v.Id).ToArray();
        var milestones = await session.Query<MilestoneView>().Where(m => m.CommitmentId.IsOneOf(ids)).ToListAsync(token);
        var scheduled = (await Schedules.Resolve(session, [.. milestones], now, token, views.ToDictionary(v => v.Id)))
            .ToLookup(m => m.CommitmentId);
        var agreements = await References.Agreements(session, views.Select(v => v.AgreementId), token);
        var parties = await References.Parties(session, views.SelectMany(v => v.Parties), token);
        var facts = await CurrentFacts.For(session, ids, token);

        return [.. views.Select(v =>
        {
            var agreement = agreements.GetValueOrDefault(v.AgreementId);
            var next = scheduled[v.Id].Where(m => m.State is not (MilestoneState.Completed or MilestoneState.Closed))
                .OrderBy(m => m.DueOn ?? DateOnly.MaxValue).FirstOrDefault();
            return new RegisterRow(v.Id, facts.VersionOf(v), v.Title, References.AgreementOf(agreement, now),
                References.PartiesOf(v.Obligors, parties), References.PartiesOf(v.Beneficiaries, parties), v.Workstream, v.Binding, v.Status,
                v.Owner, next is null ? null : new NextMilestone(next.Id, next.Title, next.DueOn, next.State, next.Illustrative),
                scheduled[v.Id].Count(m => m.State == MilestoneState.Overdue),
                facts.ProgressOf(v, agreement?.TimeZone ?? BusinessCalendar.DefaultTimeZone, now), v.Value, RiskSummary.None,
                facts.LastChangeOf(v));
        })];
    }
}
