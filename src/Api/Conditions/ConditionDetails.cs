using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Common;
using LoiTracker.Projections.Conditions;
using LoiTracker.Projections.Milestones;
using Marten;

namespace LoiTracker.Api.Conditions;

/// <summary>A condition as read: <c>late</c> when still open after its expected date, and what waits on it.</summary>
public sealed record ConditionDetails(Guid Id, long Version, string Title, ConditionKind Kind, DateOnly? ExpectedBy, bool Late,
    string TimeZone, Guid? SatisfiedWhenAgreementSigned, ConditionStatus Status, DateOnly? SettledOn, bool SatisfiedAutomatically,
    string? Reason, Evidence? Evidence, IReadOnlyList<Guid> WaitingCommitments, IReadOnlyList<Guid> WaitingMilestones,
    DateTimeOffset RecordedAt, LastChange? LastChange) : IStreamResource
{
    /// <summary>The conditions as read, each with what waits on it among what the user sees (ADR 16).</summary>
    public static async Task<IReadOnlyList<ConditionDetails>> Of(IQuerySession session, IReadOnlyList<ConditionView> views,
        DateTimeOffset now, Access.Visibility visibility, CancellationToken token)
    {
        if (views.Count == 0) return [];
        var batch = session.CreateBatchQuery();
        var waiting = views.Select(v => (
            Commitments: batch.Query<CommitmentView>().Where(c => c.ConditionIds.Contains(v.Id)).Select(c => c.Id).ToList(),
            Milestones: batch.Query<MilestoneView>().Where(m => m.ConditionIds.Contains(v.Id)).ToList())).ToList();
        await batch.Execute(token);
        var seen = await visibility.Visible(Access.ScopedKind.Commitment, [
            .. (await Task.WhenAll(waiting.Select(w => w.Commitments))).SelectMany(ids => ids),
            .. (await Task.WhenAll(waiting.Select(w => w.Milestones))).SelectMany(ms => ms.Select(m => m.CommitmentId))]);

        var details = new List<ConditionDetails>();
        for (var i = 0; i < views.Count; i++)
        {
            var v = views[i];
            details.Add(new ConditionDetails(v.Id, v.Version, v.Title, v.Kind, v.ExpectedBy,
                Condition.IsLate(v.Status, v.ExpectedBy, v.TimeZone, now), v.TimeZone ?? BusinessCalendar.DefaultTimeZone,
                v.SatisfiedWhenAgreementSigned, v.Status, v.SettledOn, v.SatisfiedAutomatically, v.Reason, v.Evidence,
                [.. (await waiting[i].Commitments).Where(seen.Contains)],
                [.. (await waiting[i].Milestones).Where(m => seen.Contains(m.CommitmentId)).Select(m => m.Id)], v.RecordedAt, v.LastChange));
        }
        return details;
    }
}
