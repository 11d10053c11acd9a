using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Milestones;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Conditions;
using LoiTracker.Projections.Milestones;
using Marten;

namespace LoiTracker.Projections.Reading;

/// <summary>A milestone with its due date resolved (relative ones from their anchor) and its state at the instant it was read.</summary>
public sealed record ScheduledMilestone(
    Guid Id,
    Guid CommitmentId,
    string Title,
    DateOnly? DueOn,
    DateTimeOffset? FallsDueAt,
    RelativeDue? Due,
    MilestoneState State,
    string? PendingOn,
    Guid OwnerPartyId,
    string? Assignee,
    IReadOnlyList<Guid> ConditionIds,
    bool Illustrative,
    DateOnly? CompletedOn,
    Evidence? Evidence,
    IReadOnlyList<Rescheduling> Reschedules);

/// <summary>
/// Resolves milestones as they stand now, from the current views of what they hang on (their commitment, agreement,
/// conditions and anchors), with the Domain's rule (<see cref="MilestoneSchedule"/>). Read-your-writes: every view it
/// reads is kept inline.
/// </summary>
public static class Schedules
{
    public static async Task<IReadOnlyList<ScheduledMilestone>> Resolve(IQuerySession session, IReadOnlyCollection<MilestoneView> milestones,
        DateTimeOffset now, CancellationToken token, IReadOnlyDictionary<Guid, CommitmentView>? knownCommitments = null,
        IReadOnlyDictionary<Guid, AgreementView>? knownAgreements = null, IReadOnlyDictionary<Guid, ConditionView>? knownConditions = null)
    {
        if (milestones.Count == 0) return [];

        var commitments = knownCommitments?.ToDictionary() ?? [];
        var missing = milestones.Select(m => m.CommitmentId).Distinct().Where(id => !commitments.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
            foreach (var c in await session.LoadManyAsync<CommitmentView>(token, missing)) commitments[c.Id] = c;

        var facts = await FactsFor(session, milestones, commitments, token, knownAgreements, knownConditions);
        return [.. milestones.Select(m =>
        {
            var schedule = MilestoneSchedule.Resolve(facts[m.Id]);
            var state = schedule.StateOn(now);
            return new ScheduledMilestone(m.Id, m.CommitmentId, m.Title, schedule.DueOn, schedule.FallsDueAt, m.Due, state,
                state == MilestoneState.Pending ? schedule.PendingOn : null, m.OwnerPartyId, m.Assignee, m.ConditionIds, m.Illustrative,
                m.CompletedOn, m.Evidence, m.Reschedules);
        })];
    }

    /// <summary>
    /// What the Domain's rule needs for each milestone, read from the current views of what it hangs on (its commitment,
    /// agreement, conditions and anchors) in one batch: the read side and the schedule view gather it the same way.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, ScheduleFacts>> FactsFor(IQuerySession session,
        IReadOnlyCollection<MilestoneView> milestones, IReadOnlyDictionary<Guid, CommitmentView> commitments, CancellationToken token,
        IReadOnlyDictionary<Guid, AgreementView>? knownAgreements = null, IReadOnlyDictionary<Guid, ConditionView>? knownConditions = null)
    {
        if (milestones.Count == 0) return new Dictionary<Guid, ScheduleFacts>();
        var agreements = knownAgreements?.ToDictionary() ?? [];
        var conditions = knownConditions?.ToDictionary() ?? [];
        var agreementIds = commitments.Values.Select(c => c.AgreementId).Distinct().Where(id => !agreements.ContainsKey(id)).ToArray();
        var conditionIds = milestones.SelectMany(m => m.ConditionIds)
            .Concat(commitments.Values.SelectMany(c => c.ConditionIds))
            .Concat(milestones.Select(m => m.Due?.After.ConditionId).OfType<Guid>()).Distinct().Where(id => !conditions.ContainsKey(id)).ToArray();
        var anchorIds = milestones.Select(m => m.Due?.After.MilestoneId).OfType<Guid>()
            .Where(id => milestones.All(m => m.Id != id)).Distinct().ToArray();

        // Only what the caller has not read already, in one round trip, and none when it has read everything.
        var anchors = milestones.ToDictionary(m => m.Id);
        if (agreementIds.Length + conditionIds.Length + anchorIds.Length > 0)
        {
            var batch = session.CreateBatchQuery();
            var agreementsQuery = batch.LoadMany<AgreementView>().ById(agreementIds);
            var conditionsQuery = batch.LoadMany<ConditionView>().ById(conditionIds);
            var anchorsQuery = batch.LoadMany<MilestoneView>().ById(anchorIds);
            await batch.Execute(token);
            foreach (var a in await agreementsQuery) agreements[a.Id] = a;
            foreach (var c in await conditionsQuery) conditions[c.Id] = c;
            foreach (var m in await anchorsQuery) anchors.TryAdd(m.Id, m);
        }

        return milestones.ToDictionary(m => m.Id, m =>
        {
            var commitment = commitments.GetValueOrDefault(m.CommitmentId);
            var agreement = commitment is null ? null : agreements.GetValueOrDefault(commitment.AgreementId);
            return FactsOf(m, commitment, agreement, conditions, anchors);
        });
    }

    /// <summary>What the Domain's rule needs, gathered from the views around a milestone.</summary>
    private static ScheduleFacts FactsOf(MilestoneView m, CommitmentView? commitment, AgreementView? agreement,
        IReadOnlyDictionary<Guid, ConditionView> conditions, IReadOnlyDictionary<Guid, MilestoneView> anchors)
    {
        Anchor? countsFrom = m.Due?.After switch
        {
            { MilestoneId: { } id } => anchors.GetValueOrDefault(id) is { } anchor
                ? new Anchor($"the completion of '{anchor.Title}'", anchor.CompletedOn)
                : new Anchor("the completion of another milestone", null),
            { ConditionId: { } id } => conditions.GetValueOrDefault(id) is { } c
                ? new Anchor($"condition '{c.Title}'", c.Status == ConditionStatus.Satisfied ? c.SettledOn : null)
                : new Anchor("a condition", null),
            { } => new Anchor("the agreement's signature", agreement?.SignedOn),
            null => null
        };
        var waitsOn = m.ConditionIds.Concat(commitment?.ConditionIds ?? [])
            .Select(id => conditions.GetValueOrDefault(id)).FirstOrDefault(c => c is { Status: not ConditionStatus.Satisfied });
        return new ScheduleFacts(m.DueOn, m.Due, m.CompletedOn, agreement?.TimeZone ?? BusinessCalendar.DefaultTimeZone,
            CommitmentOpen: commitment is null || commitment.Status is CommitmentStatus.Proposed or CommitmentStatus.Active or CommitmentStatus.BreachNoticed,
            AgreementSigned: agreement is null || agreement.Status != AgreementStatus.Draft,
            countsFrom, waitsOn?.Title);
    }
}
