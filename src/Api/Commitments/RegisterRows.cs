using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Conditions;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Parties;
using LoiTracker.Projections.Reading;

namespace LoiTracker.Api.Commitments;

/// <summary>
/// Register rows for a page of commitments. Everything a row joins (milestones, agreements, parties, conditions,
/// delivery totals) is read in one batch, after the stream versions and the deliveries the daemon has not folded yet: two
/// round trips for the page, whatever its size or the commitments' history (docs/benchmarks.md, the register).
/// </summary>
public static class RegisterRows
{
    public static async Task<IReadOnlyList<RegisterRow>> For(IQuerySession session, IReadOnlyList<CommitmentView> views, DateTimeOffset now,
        Access.Visibility visibility, CancellationToken token)
    {
        if (views.Count == 0) return [];
        var ids = views.Select(v => v.Id).ToArray();
        var recent = await CurrentFacts.Recent(session, ids, token);

        var batch = session.CreateBatchQuery();
        var milestonesQuery = batch.Query<MilestoneView>().Where(m => m.CommitmentId.IsOneOf(ids)).ToList();
        var agreementsQuery = batch.LoadMany<AgreementView>().ById(views.Select(v => v.AgreementId).Distinct().ToArray());
        var partiesQuery = batch.LoadMany<PartyView>().ById(views.SelectMany(v => v.Parties).Distinct().ToArray());
        var conditionsQuery = batch.LoadMany<ConditionView>().ById(views.SelectMany(v => v.ConditionIds).Distinct().ToArray());
        var pendingFacts = CurrentFacts.Queue(batch, ids);
        var risksQuery = batch.LoadMany<Projections.Risk.RiskView>().ById(ids);
        await batch.Execute(token);

        var agreements = (await agreementsQuery).ToDictionary(a => a.Id);
        var parties = (await partiesQuery).ToDictionary(p => p.Id);
        var scheduled = (await Schedules.Resolve(session, [.. await milestonesQuery], now, token, views.ToDictionary(v => v.Id), agreements,
            (await conditionsQuery).ToDictionary(c => c.Id))).ToLookup(m => m.CommitmentId);
        var facts = await pendingFacts.Complete(recent);
        var risks = await Risk.RiskReading.Summaries([.. await risksQuery], visibility);

        return [.. views.Select(v => Row(v, agreements.GetValueOrDefault(v.AgreementId), parties, scheduled[v.Id], facts,
            risks.GetValueOrDefault(v.Id) ?? RiskSummary.None, now))];
    }

    /// <summary>One row from what it joins, read today or folded as known at a past instant (RegisterAsKnown).</summary>
    public static RegisterRow Row(CommitmentView v, AgreementView? agreement, IReadOnlyDictionary<Guid, PartyView> parties,
        IEnumerable<ScheduledMilestone> scheduled, CurrentFacts facts, RiskSummary risk, DateTimeOffset now)
    {
        var milestones = scheduled.ToList();
        var next = milestones.Where(m => m.State is not (MilestoneState.Completed or MilestoneState.Closed))
            .OrderBy(m => m.DueOn ?? DateOnly.MaxValue).FirstOrDefault();
        return new RegisterRow(v.Id, facts.VersionOf(v), v.Title, References.AgreementOf(agreement, now),
            References.PartiesOf(v.Obligors, parties), References.PartiesOf(v.Beneficiaries, parties), v.Workstream, v.Binding, v.Status,
            v.Owner, next is null ? null : new NextMilestone(next.Id, next.Title, next.DueOn, next.State, next.Illustrative),
            milestones.Count(m => m.State == MilestoneState.Overdue),
            facts.ProgressOf(v, agreement?.TimeZone ?? BusinessCalendar.DefaultTimeZone, now), v.Value, risk, facts.LastChangeOf(v));
    }
}
