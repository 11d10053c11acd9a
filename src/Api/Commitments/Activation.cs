using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Conditions;
using Marten;

namespace LoiTracker.Api.Commitments;

/// <summary>
/// A proposed commitment becomes firm when its agreement is in force and every condition it waits on is satisfied.
/// Signing an agreement or satisfying a condition therefore activates the commitments that waited on it, and a
/// signature satisfies the conditions tied to it: all in the same transaction as the command that caused it, each
/// stream fetched for writing (docs/adr/0008-commitments-conditions-and-the-register.md).
/// </summary>
public static class Activation
{
    /// <summary>After <paramref name="signed"/> was signed in this session: satisfy what waited on the signature, activate what is now firm.</summary>
    public static async Task AfterSigning(IDocumentSession session, Agreement signed, DateOnly signedOn, CancellationToken token)
    {
        var satisfiedNow = new HashSet<Guid>();
        var waiting = await session.Query<Condition>()
            .Where(c => c.SatisfiedWhenAgreementSigned == signed.Id && c.Status == ConditionStatus.Open).ToListAsync(token);
        foreach (var condition in waiting)
        {
            var stream = await session.Events.FetchForWriting<Condition>(condition.Id, token);
            stream.AppendOne(stream.Aggregate!.SatisfyBySigning(signed.Id, signedOn));
            satisfiedNow.Add(condition.Id);
        }

        var candidates = (await session.Query<Commitment>()
            .Where(c => c.AgreementId == signed.Id && c.Status == CommitmentStatus.Proposed).ToListAsync(token)).ToList();
        candidates.AddRange(await WaitingOn(session, satisfiedNow, token));
        await Activate(session, candidates, satisfiedNow, inForceNow: signed.Id, $"'{signed.Title}' is signed", token);
    }

    /// <summary>After conditions were satisfied in this session: activate the commitments that waited only on them.</summary>
    public static async Task AfterConditionsSatisfied(IDocumentSession session, IReadOnlyCollection<Guid> satisfied, string because,
        CancellationToken token)
    {
        var candidates = await WaitingOn(session, satisfied, token);
        await Activate(session, candidates, [.. satisfied], inForceNow: null, because, token);
    }

    private static async Task<List<Commitment>> WaitingOn(IQuerySession session, IEnumerable<Guid> conditions, CancellationToken token)
    {
        var found = new List<Commitment>();
        foreach (var conditionId in conditions)
            found.AddRange(await session.Query<Commitment>()
                .Where(c => c.Status == CommitmentStatus.Proposed && c.ConditionIds.Contains(conditionId)).ToListAsync(token));
        return found;
    }

    private static async Task Activate(IDocumentSession session, IReadOnlyCollection<Commitment> candidates, HashSet<Guid> satisfiedNow,
        Guid? inForceNow, string because, CancellationToken token)
    {
        if (candidates.Count == 0) return;
        var agreements = (await session.LoadManyAsync<Agreement>(token, candidates.Select(c => c.AgreementId).Distinct()))
            .ToDictionary(a => a.Id);
        var conditions = (await session.LoadManyAsync<Condition>(token, candidates.SelectMany(c => c.ConditionIds).Distinct()))
            .ToDictionary(c => c.Id);

        foreach (var candidate in candidates.DistinctBy(c => c.Id))
        {
            var inForce = candidate.AgreementId == inForceNow || agreements.GetValueOrDefault(candidate.AgreementId)?.IsInForce == true;
            bool IsSatisfied(Guid id) => satisfiedNow.Contains(id) || conditions.GetValueOrDefault(id)?.IsSatisfied == true;
            if (candidate.ActivateIfFirm(inForce, IsSatisfied, because) is null) continue;

            var stream = await session.Events.FetchForWriting<Commitment>(candidate.Id, token);
            if (stream.Aggregate?.ActivateIfFirm(inForce, IsSatisfied, because) is { } activated) stream.AppendOne(activated);
        }
    }
}
