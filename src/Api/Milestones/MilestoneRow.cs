using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Reading;
using Marten;

namespace LoiTracker.Api.Milestones;

public sealed record CommitmentLink(Guid Id, string Title, string Workstream, Guid AgreementId, string AgreementTitle);

/// <summary>A milestone as the milestone list shows it: resolved, with its owner party and the commitment it belongs to.</summary>
public sealed record MilestoneRow(ScheduledMilestone Milestone, string OwnerParty, CommitmentLink? Commitment)
{
    public static async Task<IReadOnlyList<MilestoneRow>> For(IQuerySession session, IReadOnlyList<ScheduledMilestone> milestones,
        CancellationToken token)
    {
        if (milestones.Count == 0) return [];
        var commitments = (await session.LoadManyAsync<CommitmentView>(token, milestones.Select(m => m.CommitmentId).Distinct()))
            .ToDictionary(c => c.Id);
        var agreements = await References.Agreements(session, commitments.Values.Select(c => c.AgreementId), token);
        var parties = await References.Parties(session, milestones.Select(m => m.OwnerPartyId), token);
        return [.. milestones.Select(m => new MilestoneRow(m, parties.GetValueOrDefault(m.OwnerPartyId)?.Name ?? "(unknown party)",
            commitments.GetValueOrDefault(m.CommitmentId) is { } c
                ? new CommitmentLink(c.Id, c.Title, c.Workstream, c.AgreementId, agreements.GetValueOrDefault(c.AgreementId)?.Title ?? "")
                : null))];
    }
}
