using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;

namespace LoiTracker.Api.Activation;

/// <summary>
/// The activation process, shared by the features that set it off (docs/adr/0012-reactions.md). A proposed
/// commitment becomes firm when its agreement is in force and every condition it waits on is satisfied. Signing an
/// agreement therefore satisfies the conditions tied to that signature and activates the commitments that waited on
/// it; satisfying a condition by hand activates those that waited only on it. It runs inline, in the transaction of
/// the command that caused it, each stream fetched for writing: all of it commits or none.
/// </summary>
public static class Activations
{
    /// <summary>After <paramref name="signed"/> was signed by this command: satisfy what waited on the signature, activate what is now firm.</summary>
    public static async Task AfterSigning(ICommandContext context, Agreement signed, DateOnly signedOn)
    {
        var satisfiedNow = new HashSet<Guid>();
        foreach (var waiting in await context.ConditionsSatisfiedBySigning(signed.Id))
        {
            if (await context.ForWriting<Condition>(waiting.Id) is not { Status: ConditionStatus.Open } condition) continue;
            context.Append(condition.Id, [condition.SatisfyBySigning(signed.Id, signedOn)]);
            satisfiedNow.Add(condition.Id);
        }

        List<Commitment> candidates = [.. await context.ProposedCommitmentsUnder(signed.Id)];
        if (satisfiedNow.Count > 0) candidates.AddRange(await context.ProposedCommitmentsWaitingOn(satisfiedNow));
        await Activate(context, candidates, satisfiedNow, inForceNow: signed.Id, $"'{signed.Title}' is signed");
    }

    /// <summary>After this command satisfied <paramref name="satisfied"/>: activate the commitments that waited only on them.</summary>
    public static async Task AfterConditionsSatisfied(ICommandContext context, IReadOnlyCollection<Guid> satisfied, string because)
    {
        var candidates = await context.ProposedCommitmentsWaitingOn(satisfied);
        await Activate(context, candidates, [.. satisfied], inForceNow: null, because);
    }

    private static async Task Activate(ICommandContext context, IReadOnlyCollection<Commitment> candidates, HashSet<Guid> satisfiedNow,
        Guid? inForceNow, string because)
    {
        foreach (var candidate in candidates.DistinctBy(c => c.Id))
        {
            var agreement = candidate.AgreementId == inForceNow ? null : await context.Agreement(candidate.AgreementId);
            var inForce = candidate.AgreementId == inForceNow || agreement?.IsInForce == true;
            var conditions = new Dictionary<Guid, bool>();
            foreach (var id in candidate.ConditionIds)
                conditions[id] = satisfiedNow.Contains(id) || (await context.Condition(id))?.IsSatisfied == true;
            if (candidate.ActivateIfFirm(inForce, id => conditions[id], because) is null) continue;

            // Decided again on the stream as fetched for writing: the version checked at commit is the one decided on.
            var current = await context.ForWriting<Commitment>(candidate.Id);
            if (current?.ActivateIfFirm(inForce, id => conditions.GetValueOrDefault(id), because) is { } activated)
                context.Append(candidate.Id, [activated]);
        }
    }
}
