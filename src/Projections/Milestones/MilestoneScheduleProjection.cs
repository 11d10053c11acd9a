using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Milestones;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Reading;
using JasperFx.Events.Projections;
using Marten.Events.Projections;

namespace LoiTracker.Projections.Milestones;

/// <summary>
/// Every milestone with its schedule resolved by the Domain's rule (<see cref="MilestoneSchedule"/>): its due date
/// (a relative one from its anchor), the instant it falls due in the agreement's zone, what it is pending on, whether
/// it is completed or closed, and what the milestone list filters by. State on a given instant is judged when read,
/// from these columns: <c>overdue</c> is <c>FallsDueAt &lt;= now</c>, never stored.
/// </summary>
public sealed class MilestoneScheduleView
{
    public Guid Id { get; set; }
    public Guid CommitmentId { get; set; }
    public Guid AgreementId { get; set; }
    public string Title { get; set; } = "";
    public string Workstream { get; set; } = "";
    public Guid OwnerPartyId { get; set; }
    public string? Assignee { get; set; }
    /// <summary>The owner party and every party to the commitment: "every milestone Samsung SDS is part of".</summary>
    public List<Guid> Parties { get; set; } = [];
    public DateOnly? DueOn { get; set; }
    public DateTimeOffset? FallsDueAt { get; set; }
    public string? PendingOn { get; set; }
    public bool Completed { get; set; }
    public bool Closed { get; set; }
    public bool Illustrative { get; set; }

    /// <summary>The same rule as <see cref="MilestoneSchedule.StateOn(DateTimeOffset, TimeSpan)"/>, on the stored columns.</summary>
    public MilestoneState StateOn(DateTimeOffset now) =>
        new MilestoneSchedule(DueOn, FallsDueAt, PendingOn, Completed, Closed).StateOn(now);
}

/// <summary>
/// Keeps <see cref="MilestoneScheduleView"/> in the async daemon (docs/adr/0012-reactions.md): a milestone's schedule
/// hangs on other streams (its anchor's completion, a condition, the agreement's signature, its commitment's status),
/// so each batch of events is routed to the milestones it can move, through indexed queries, and those are resolved
/// again from the current inline views. Those views are always at least as new as the events the daemon is
/// processing, so a replay or a late batch converges on the truth.
/// </summary>
public sealed class MilestoneScheduleProjection : ProjectionBase, IProjection
{
    /// <summary>
    /// The events <see cref="Affected"/> reads, and the only ones the daemon loads for this view: deliveries, by far the
    /// most frequent, move no schedule, and each one loaded is read and deserialized for nothing. Keep it beside the switch.
    /// </summary>
    private static readonly Type[] Moves =
    [
        typeof(MilestonePlanned), typeof(MilestoneRescheduled), typeof(MilestoneAssigned), typeof(MilestoneCompleted),
        typeof(ConditionLinked), typeof(CommitmentActivated), typeof(CommitmentFulfilled), typeof(CommitmentWaived), typeof(CommitmentWithdrawn),
        typeof(CommitmentBreached), typeof(CommitmentNotPerformed), typeof(CommitmentCarriedForward),
        typeof(ConditionSatisfied), typeof(ConditionFailed), typeof(AgreementSigned)
    ];

    public MilestoneScheduleProjection()
    {
        foreach (var type in Moves) IncludeType(type);
    }

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var affected = await Affected(operations, events, cancellation);
        if (affected.Count == 0) return;

        var milestones = await operations.LoadManyAsync<MilestoneView>(cancellation, affected);
        var commitments = (await operations.LoadManyAsync<CommitmentView>(cancellation, milestones.Select(m => m.CommitmentId).Distinct()))
            .ToDictionary(c => c.Id);
        var facts = await Schedules.FactsFor(operations, milestones, commitments, cancellation);
        foreach (var m in milestones)
        {
            var commitment = commitments.GetValueOrDefault(m.CommitmentId);
            var schedule = MilestoneSchedule.Resolve(facts[m.Id]);
            operations.Store(new MilestoneScheduleView
            {
                Id = m.Id, CommitmentId = m.CommitmentId, AgreementId = commitment?.AgreementId ?? Guid.Empty, Title = m.Title,
                Workstream = commitment?.Workstream ?? "", OwnerPartyId = m.OwnerPartyId, Assignee = m.Assignee,
                Parties = [.. (commitment?.Parties ?? []).Append(m.OwnerPartyId).Distinct()], DueOn = schedule.DueOn,
                FallsDueAt = schedule.FallsDueAt, PendingOn = schedule.PendingOn, Completed = schedule.Completed, Closed = schedule.Closed,
                Illustrative = m.Illustrative
            });
        }
    }

    /// <summary>The milestones a batch of events can move, found by id or through an index, never by scanning.</summary>
    private static async Task<IReadOnlyList<Guid>> Affected(IQuerySession session, IReadOnlyList<IEvent> events, CancellationToken token)
    {
        var milestones = new HashSet<Guid>();
        var commitments = new HashSet<Guid>();
        var conditions = new HashSet<Guid>();
        var agreements = new HashSet<Guid>();
        foreach (var e in events)
        {
            switch (e.Data) // every case is in Moves
            {
                case MilestonePlanned planned: milestones.Add(planned.MilestoneId); break;
                case MilestoneRescheduled moved: milestones.Add(moved.MilestoneId); break;
                case MilestoneAssigned assigned: milestones.Add(assigned.MilestoneId); break;
                case MilestoneCompleted done: milestones.Add(done.MilestoneId); break;
                case ConditionLinked or CommitmentActivated or CommitmentFulfilled or CommitmentWaived or CommitmentWithdrawn
                    or CommitmentBreached or CommitmentNotPerformed or CommitmentCarriedForward:
                    commitments.Add(e.StreamId);
                    break;
                case ConditionSatisfied or ConditionFailed: conditions.Add(e.StreamId); break;
                case AgreementSigned signed: agreements.Add(signed.AgreementId); break;
            }
        }

        foreach (var anchor in events.Select(e => e.Data).OfType<MilestoneCompleted>().Select(d => (Guid?)d.MilestoneId).Distinct())
            milestones.UnionWith(await session.Query<MilestoneView>().Where(m => m.Due!.After.MilestoneId == anchor).Select(m => m.Id)
                .ToListAsync(token));
        foreach (var condition in conditions)
        {
            milestones.UnionWith(await session.Query<MilestoneView>()
                .Where(m => m.ConditionIds.Contains(condition) || m.Due!.After.ConditionId == condition).Select(m => m.Id).ToListAsync(token));
            commitments.UnionWith(await session.Query<CommitmentView>().Where(c => c.ConditionIds.Contains(condition)).Select(c => c.Id)
                .ToListAsync(token));
        }
        if (agreements.Count > 0)
        {
            var under = agreements.ToArray();
            commitments.UnionWith(await session.Query<CommitmentView>().Where(c => c.AgreementId.IsOneOf(under)).Select(c => c.Id).ToListAsync(token));
        }
        if (commitments.Count > 0)
        {
            var ids = commitments.ToArray();
            milestones.UnionWith(await session.Query<MilestoneView>().Where(m => m.CommitmentId.IsOneOf(ids)).Select(m => m.Id).ToListAsync(token));
        }
        return [.. milestones];
    }
}
