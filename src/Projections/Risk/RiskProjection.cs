using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Parties;
using LoiTracker.Domain.Risk;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Reading;
using Marten.Events.Projections;

namespace LoiTracker.Projections.Risk;

/// <summary>
/// Keeps <see cref="RiskView"/> in the async daemon, the one writer of risk on every node (ADR 17): each batch of events
/// is routed to the commitments it can move (their own events, a condition they wait on, their agreement, a party's
/// new name, the clock crossing one of their dates), and <see cref="RiskGraph.Recompute"/> works out those and what
/// depends on them, as of the injected clock. The facts come from the inline views, which are never older than the
/// events being processed, so a late batch or a rebuild converges on the truth.
/// </summary>
public sealed class RiskProjection(Func<TimeProvider> clock) : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var now = clock().GetUtcNow();
        var (seeds, deliveredPeriods) = await Affected(operations, events, now, cancellation);
        var delivered = await ThatCanMove(operations, deliveredPeriods, now, cancellation);
        if (seeds.Count == 0 && delivered.Count == 0) return;
        var graph = new StoredRiskGraph(operations, cancellation);
        var changed = await RiskGraph.Recompute(seeds, graph, now, delivered);

        // A commitment moved only by deliveries keeps its document when its risk stays: nothing else in it can have
        // changed, and each rewrite costs a full entry in the GIN index that "what depends on X" reads (docs/benchmarks.md).
        var ids = seeds.Concat(delivered.Where(id => changed.ContainsKey(id) || !graph.ViewsRead.ContainsKey(id))).Concat(changed.Keys).Distinct().ToList();
        var facts = await graph.Facts(ids);
        await graph.Risks(ids);
        var upstream = await graph.Facts([.. facts.Values.SelectMany(f => f.Upstream.Select(e => e.UpstreamCommitmentId)).Distinct()]);
        var views = (await operations.LoadManyAsync<CommitmentView>(cancellation, ids)).ToDictionary(c => c.Id);
        foreach (var id in ids)
        {
            if (!facts.TryGetValue(id, out var f) || !views.TryGetValue(id, out var view)) continue;
            var risk = changed.GetValueOrDefault(id) ?? graph.ViewsRead.GetValueOrDefault(id)?.Risk ?? NodeRisk.Nothing;
            operations.Store(new RiskView
            {
                Id = id, AgreementId = view.AgreementId, Title = view.Title, Workstream = view.Workstream, Parties = view.Parties, Closed = f.Closed,
                Level = risk.Level, Rank = (int)risk.Level, Reasons = [.. risk.Reasons], NextChangeAt = risk.NextChangeAt, AsOf = now,
                UpstreamIds = [.. f.Upstream.Select(e => e.UpstreamCommitmentId).Distinct()],
                Edges = [.. f.Upstream.Select(e => new RiskEdgeView(e.DependencyId, e.UpstreamCommitmentId, e.UpstreamMilestoneId,
                    upstream.TryGetValue(e.UpstreamCommitmentId, out var up) && RiskRules.Conflict(f, e, up) is not null,
                    view.Dependencies.FirstOrDefault(d => d.Id == e.DependencyId)?.Illustrative ?? false))]
            });
        }
    }

    /// <summary>
    /// Of the commitments moved by nothing but deliveries, those whose deliveries can move their risk now
    /// (<see cref="RiskRules.DeliveriesCanMove"/>): most deliveries are for this period or an older one, and cost no more
    /// than this read of their commitment.
    /// </summary>
    private static async Task<IReadOnlyCollection<Guid>> ThatCanMove(IQuerySession session, IReadOnlyDictionary<Guid, HashSet<string>> periods,
        DateTimeOffset now, CancellationToken token)
    {
        if (periods.Count == 0) return [];
        var views = await session.LoadManyAsync<CommitmentView>(token, periods.Keys);
        var agreements = await References.Agreements(session, views.Select(v => v.AgreementId), token);
        return [.. views.Where(v => RiskRules.DeliveriesCanMove(v.Quantity, periods[v.Id],
            agreements.GetValueOrDefault(v.AgreementId)?.TimeZone ?? BusinessCalendar.DefaultTimeZone, now)).Select(v => v.Id)];
    }

    /// <summary>
    /// The commitments a batch of events can move, found by id or through an index, never by scanning; apart, those
    /// moved by nothing but deliveries, with the periods delivered that could be the last complete one, which change
    /// only their own risk
    /// (<see cref="RiskGraph.Recompute"/>).
    /// </summary>
    private static async Task<(IReadOnlyCollection<Guid> Seeds, IReadOnlyDictionary<Guid, HashSet<string>> Delivered)> Affected(
        IQuerySession session, IReadOnlyList<IEvent> events, DateTimeOffset now, CancellationToken token)
    {
        var commitments = new HashSet<Guid>();
        var delivered = new Dictionary<Guid, HashSet<string>>();
        var conditions = new HashSet<Guid>();
        var agreements = new HashSet<Guid>();
        var parties = new HashSet<Guid>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case RiskClockAdvanced clock: commitments.UnionWith(clock.CommitmentIds); break;
                case ConditionRecorded or ConditionSatisfied or ConditionFailed: conditions.Add(e.StreamId); break;
                case AgreementSigned or KeyDateSet or AgreementTerminated or AgreementSuperseded: agreements.Add(e.StreamId); break;
                case PartyRenamed renamed: parties.Add(renamed.PartyId); break;
                // A delivery for a period that is not the last complete one in any zone moves nothing: no read at all.
                case DeliveryRecorded delivery when !RiskRules.DeliveryCanMoveAnywhere(delivery.Period, now): break;
                case DeliveryRecorded delivery:
                    (delivered.TryGetValue(e.StreamId, out var periods) ? periods : delivered[e.StreamId] = []).Add(delivery.Period);
                    break;
                case var data when CommitmentEvents.All.Contains(data.GetType()): commitments.Add(e.StreamId); break;
            }
        }

        foreach (var condition in conditions)
        {
            commitments.UnionWith(await session.Query<CommitmentView>().Where(c => c.ConditionIds.Contains(condition)).Select(c => c.Id).ToListAsync(token));
            commitments.UnionWith(await session.Query<MilestoneView>().Where(m => m.ConditionIds.Contains(condition)).Select(m => m.CommitmentId).ToListAsync(token));
        }
        if (agreements.Count > 0)
        {
            var under = agreements.ToArray();
            commitments.UnionWith(await session.Query<CommitmentView>().Where(c => c.AgreementId.IsOneOf(under)).Select(c => c.Id).ToListAsync(token));
        }
        foreach (var party in parties)
            commitments.UnionWith(await session.Query<CommitmentView>().Where(c => c.Obligors.Contains(party)).Select(c => c.Id).ToListAsync(token));
        foreach (var id in commitments) delivered.Remove(id);
        return (commitments, delivered);
    }
}
