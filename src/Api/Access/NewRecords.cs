using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Parties;
using JasperFx.Events;

namespace LoiTracker.Api.Access;

/// <summary>A scoped user asked to create something it would not see: refused (403), since nothing about it exists yet to leak.</summary>
public sealed class OutsideScope(string what) : Exception($"This would create {what} outside your scope");

/// <summary>
/// What a scoped user creates must fall inside its scope (ADR 16), checked on the streams about to be started, whichever
/// use case started them: an agreement involves one of its parties, a commitment is one it would see, a condition
/// belongs to an agreement it sees. Registering parties is left to unscoped users: a new party is in nobody's scope.
/// </summary>
public static class NewRecords
{
    public static async Task MustStayInScope(Visibility visibility, IDocumentSession session)
    {
        var scope = await visibility.Scope();
        if (scope.Unrestricted) return;
        foreach (var stream in session.PendingChanges.Streams().Where(s => s.ActionType == StreamActionType.Start))
        {
            var events = stream.Events.Select(e => e.Data).ToList();
            switch (events.FirstOrDefault())
            {
                case AgreementDrafted drafted when !scope.SeesAgreement(drafted.AgreementId, events.OfType<PartyJoinedAgreement>().Select(p => p.PartyId)):
                    throw new OutsideScope("an agreement");
                case CommitmentMade made when !scope.SeesCommitment(made.AgreementId, made.Obligors.Concat(made.Beneficiaries)):
                    throw new OutsideScope("a commitment");
                case ConditionRecorded recorded when (recorded.AgreementId ?? recorded.SatisfiedWhenAgreementSigned) is not { } agreementId
                                                     || !await visibility.Sees(ScopedKind.Agreement, agreementId):
                    throw new OutsideScope("a condition");
                case PartyRegistered:
                    throw new OutsideScope("a party");
            }
        }
    }
}
