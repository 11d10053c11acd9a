using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Risk;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Conditions;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Reading;

namespace LoiTracker.Projections.Risk;

/// <summary>
/// The facts the risk rules read, for a set of commitments, from the inline views (always at least as new as the
/// events the daemon is processing) and the delivery totals with what the daemon has not folded: a handful of batched
/// reads by id and through indexes, whatever the number of commitments asked for.
/// </summary>
public static class RiskFactsReader
{
    private static readonly HashSet<CommitmentStatus> Closed =
        [CommitmentStatus.Fulfilled, CommitmentStatus.Waived, CommitmentStatus.Withdrawn, CommitmentStatus.CarriedForward, CommitmentStatus.NotPerformed];

    public static async Task<Dictionary<Guid, CommitmentRiskFacts>> For(IQuerySession session, IReadOnlyCollection<Guid> ids, CancellationToken token)
    {
        var found = new Dictionary<Guid, CommitmentRiskFacts>();
        if (ids.Count == 0) return found;
        var wanted = ids.Distinct().ToArray();
        var batch = session.CreateBatchQuery();
        var commitmentsQuery = batch.LoadMany<CommitmentView>().ById(wanted);
        var milestonesQuery = batch.Query<MilestoneView>().Where(m => m.CommitmentId.IsOneOf(wanted)).ToList();
        await batch.Execute(token);
        var commitments = (await commitmentsQuery).ToDictionary(c => c.Id);
        if (commitments.Count == 0) return found;
        var milestones = await milestonesQuery;

        var agreements = await References.Agreements(session, commitments.Values.Select(c => c.AgreementId), token);
        var onMilestones = commitments.Values.SelectMany(c => c.Dependencies).Select(d => d.DependsOnMilestoneId).OfType<Guid>().Distinct().ToArray();
        var conditionIds = commitments.Values.SelectMany(c => c.ConditionIds).Concat(milestones.SelectMany(m => m.ConditionIds)).Distinct().ToArray();
        var batch2 = session.CreateBatchQuery();
        var conditionsQuery = batch2.LoadMany<ConditionView>().ById(conditionIds);
        var anchorsQuery = batch2.LoadMany<MilestoneView>().ById(onMilestones);
        var partiesQuery = batch2.LoadMany<Parties.PartyView>().ById(commitments.Values.SelectMany(c => c.Obligors).Distinct().ToArray());
        await batch2.Execute(token);
        var conditions = (await conditionsQuery).ToDictionary(c => c.Id);
        var milestoneOwners = (await anchorsQuery).ToDictionary(m => m.Id, m => m.CommitmentId);
        var parties = (await partiesQuery).ToDictionary(p => p.Id, p => p.Name);

        var scheduled = (await Schedules.Resolve(session, milestones, DateTimeOffset.UnixEpoch, token, commitments, agreements, conditions))
            .ToLookup(m => m.CommitmentId);
        // Grouped once: looking each commitment's milestones up in the whole list was commitments × milestones.
        var openMilestones = milestones.Where(m => m.CompletedOn is null).ToLookup(m => m.CommitmentId);
        var deliveries = await CurrentFacts.For(session, [.. commitments.Keys], token);

        foreach (var c in commitments.Values)
        {
            var agreement = agreements.GetValueOrDefault(c.AgreementId);
            var zone = agreement?.TimeZone ?? BusinessCalendar.DefaultTimeZone;
            var waitsOn = c.ConditionIds.Concat(openMilestones[c.Id].SelectMany(m => m.ConditionIds))
                .Distinct().Select(conditions.GetValueOrDefault).OfType<ConditionView>()
                .Select(v => new RiskCondition(v.Id, v.Title, v.Status, v.ExpectedBy,
                    v.ExpectedBy is { } by ? BusinessCalendar.FallsDueAt(by, v.TimeZone ?? zone) : null)).ToList();
            var breach = c.Status switch
            {
                CommitmentStatus.BreachNoticed when c.Breach is { } b => new RiskBreach(false, b.CureBy, BusinessCalendar.FallsDueAt(b.CureBy, zone)),
                CommitmentStatus.Breached => new RiskBreach(true, c.Breach?.CureBy ?? DateOnly.MinValue, DateTimeOffset.MinValue),
                _ => null
            };
            var delivered = deliveries.DeliveriesOf(c.Id);
            var quantity = c.Quantity is { Kind: not QuantityKind.UpTo } q
                ? new RiskQuantity(q, delivered.ByPeriod, delivered.Total,
                    agreement?.EffectiveOn ?? agreement?.SignedOn ?? DateOnly.FromDateTime(c.MadeAt.UtcDateTime))
                : null;
            var edges = c.Dependencies
                .Select(d => d.DependsOnCommitmentId is { } on ? new RiskEdge(d.Id, on, null)
                    : d.DependsOnMilestoneId is { } mid && milestoneOwners.TryGetValue(mid, out var owner) ? new RiskEdge(d.Id, owner, mid) : null)
                .OfType<RiskEdge>().ToList();
            var names = c.Obligors.Select(parties.GetValueOrDefault).OfType<string>().ToList();
            found[c.Id] = new CommitmentRiskFacts(c.Id, c.Title, names.Count == 0 ? null : string.Join(", ", names), Closed.Contains(c.Status), zone, breach,
                [.. scheduled[c.Id].Select(m => new RiskMilestone(m.Id, m.Title, m.DueOn, m.FallsDueAt, m.CompletedOn is not null))],
                waitsOn, quantity, edges);
        }
        return found;
    }
}
