using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Conditions;
using LoiTracker.Projections.Milestones;
using Marten;

namespace LoiTracker.Api.Milestones;

/// <summary>Where a milestone stands today. Derived from the facts and the clock, never stored (domain.md: Overdue).</summary>
public static class MilestoneStates
{
    public const string Planned = "planned";
    public const string DueSoon = "due-soon";
    public const string Overdue = "overdue";
    public const string Pending = "pending";
    public const string Completed = "completed";
    /// <summary>Its commitment ended (fulfilled, withdrawn, waived...) before it was completed: nobody waits for it.</summary>
    public const string Closed = "closed";

    public static readonly string[] All = [Planned, DueSoon, Overdue, Pending, Completed, Closed];

    /// <summary>"Due soon": within two weeks of falling due.</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromDays(14);
}

/// <summary>A milestone with its due date resolved (relative ones from their anchor) and its state today.</summary>
public sealed record ScheduledMilestone(
    Guid Id,
    Guid CommitmentId,
    string Title,
    DateOnly? DueOn,
    DateTimeOffset? FallsDueAt,
    RelativeDue? Due,
    string State,
    string? PendingOn,
    Guid OwnerPartyId,
    string? Assignee,
    IReadOnlyList<Guid> ConditionIds,
    bool Illustrative,
    DateOnly? CompletedOn,
    Evidence? Evidence,
    IReadOnlyList<Rescheduling> Reschedules);

public static class Schedule
{
    /// <summary>
    /// Resolves each milestone's due date and state: completed; pending while it waits on an unmet condition, on the
    /// agreement's signature or on an anchor that has not happened; overdue once the date has ended in the agreement's
    /// deadline time zone; due soon within <see cref="MilestoneStates.DueSoonWindow"/> of it.
    /// </summary>
    public static async Task<IReadOnlyList<ScheduledMilestone>> Resolve(IQuerySession session, IReadOnlyCollection<MilestoneView> milestones,
        DateTimeOffset now, CancellationToken token, IReadOnlyDictionary<Guid, CommitmentView>? knownCommitments = null)
    {
        if (milestones.Count == 0) return [];

        var commitments = knownCommitments?.ToDictionary() ?? [];
        var missing = milestones.Select(m => m.CommitmentId).Distinct().Where(id => !commitments.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
            foreach (var c in await session.LoadManyAsync<CommitmentView>(token, missing)) commitments[c.Id] = c;

        var agreementIds = commitments.Values.Select(c => c.AgreementId).Distinct().ToArray();
        var conditionIds = milestones.SelectMany(m => m.ConditionIds)
            .Concat(commitments.Values.SelectMany(c => c.ConditionIds))
            .Concat(milestones.Select(m => m.Due?.After.ConditionId).OfType<Guid>()).Distinct().ToArray();
        var anchorIds = milestones.Select(m => m.Due?.After.MilestoneId).OfType<Guid>()
            .Where(id => milestones.All(m => m.Id != id)).Distinct().ToArray();

        var batch = session.CreateBatchQuery();
        var agreementsQuery = batch.LoadMany<AgreementView>().ById(agreementIds);
        var conditionsQuery = batch.LoadMany<ConditionView>().ById(conditionIds);
        var anchorsQuery = batch.LoadMany<MilestoneView>().ById(anchorIds);
        await batch.Execute(token);

        var agreements = (await agreementsQuery).ToDictionary(a => a.Id);
        var conditions = (await conditionsQuery).ToDictionary(c => c.Id);
        var completions = milestones.Concat(await anchorsQuery).DistinctBy(m => m.Id).ToDictionary(m => m.Id, m => (m.Title, m.CompletedOn));

        return [.. milestones.Select(m => Resolve(m, commitments.GetValueOrDefault(m.CommitmentId), agreements, conditions, completions, now))];
    }

    private static ScheduledMilestone Resolve(MilestoneView m, CommitmentView? commitment, Dictionary<Guid, AgreementView> agreements,
        Dictionary<Guid, ConditionView> conditions, Dictionary<Guid, (string Title, DateOnly? CompletedOn)> completions, DateTimeOffset now)
    {
        var agreement = commitment is null ? null : agreements.GetValueOrDefault(commitment.AgreementId);
        var timeZone = agreement?.TimeZone ?? "UTC";

        string? pendingOn = null;
        DateOnly? due = m.DueOn;
        if (m.Due is { } relative)
        {
            var (anchorDate, anchorName) = relative.After switch
            {
                { MilestoneId: { } id } => (completions.GetValueOrDefault(id).CompletedOn, $"the completion of '{completions.GetValueOrDefault(id).Title}'"),
                { ConditionId: { } id } => (conditions.GetValueOrDefault(id) is { Status: ConditionStatus.Satisfied } c ? c.SettledOn : null,
                    $"condition '{conditions.GetValueOrDefault(id)?.Title}'"),
                _ => (agreement?.SignedOn, "the agreement's signature")
            };
            due = anchorDate?.AddDays(relative.Days);
            if (due is null) pendingOn = anchorName;
        }

        var unmet = m.ConditionIds.Concat(commitment?.ConditionIds ?? [])
            .Select(id => conditions.GetValueOrDefault(id)).FirstOrDefault(c => c is { Status: not ConditionStatus.Satisfied });
        if (unmet is not null) pendingOn = $"condition '{unmet.Title}'";
        else if (agreement is { Status: AgreementStatus.Draft }) pendingOn = "the agreement's signature";

        var fallsDueAt = due is { } d ? BusinessCalendar.FallsDueAt(d, timeZone) : (DateTimeOffset?)null;
        var state = m.CompletedOn is not null ? MilestoneStates.Completed
            : commitment is { Status: not (CommitmentStatus.Proposed or CommitmentStatus.Active or CommitmentStatus.BreachNoticed) } ? MilestoneStates.Closed
            : pendingOn is not null ? MilestoneStates.Pending
            : now >= fallsDueAt ? MilestoneStates.Overdue
            : now >= fallsDueAt - MilestoneStates.DueSoonWindow ? MilestoneStates.DueSoon
            : MilestoneStates.Planned;

        return new ScheduledMilestone(m.Id, m.CommitmentId, m.Title, due, fallsDueAt, m.Due, state,
            state == MilestoneStates.Pending ? pendingOn : null, m.OwnerPartyId, m.Assignee, m.ConditionIds, m.Illustrative, m.CompletedOn,
            m.Evidence, m.Reschedules);
    }
}
