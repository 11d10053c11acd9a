using LoiTracker.Domain.Common;

namespace LoiTracker.Domain.Agreements;

public sealed record AgreementDrafted(
    Guid AgreementId,
    string Title,
    AgreementKind Kind,
    string? Summary,
    string? Place,
    string TimeZone,
    string? GoverningLaw,
    Guid? ParentAgreementId,
    Source Source);

public sealed record PartyJoinedAgreement(Guid AgreementId, Guid PartyId, PartyRole Role);

public sealed record ProvisionRecorded(Guid AgreementId, Provision Provision);

public sealed record KeyDateSet(Guid AgreementId, KeyDate KeyDate, DateOnly? PreviousDate);

public sealed record AgreementSignedByParty(Guid AgreementId, Guid PartyId, DateOnly SignedOn, string SignatoryName, DateOnly? EffectiveOn);

/// <summary>Every signatory party has signed; the agreement is in force from <see cref="EffectiveOn"/>.</summary>
public sealed record AgreementSigned(Guid AgreementId, DateOnly SignedOn, DateOnly EffectiveOn);

/// <summary>On the parent: a signed amendment replaced, inserted or deleted these provisions.</summary>
public sealed record AgreementAmended(Guid AgreementId, Guid AmendmentId, IReadOnlyList<ProvisionChange> Changes);

public sealed record AgreementSuperseded(Guid AgreementId, IReadOnlyList<Guid> ByAgreementIds, string Reason);

public sealed record AgreementTerminated(Guid AgreementId, DateOnly On, string Reason);

public sealed record AgreementAbandoned(Guid AgreementId, string Reason);

/// <summary>Every event type a stream of an agreement holds: what its projections fold.</summary>
public static class AgreementEvents
{
    public static readonly Type[] All =
    [
        typeof(AgreementDrafted),
        typeof(PartyJoinedAgreement),
        typeof(ProvisionRecorded),
        typeof(KeyDateSet),
        typeof(AgreementSignedByParty),
        typeof(AgreementSigned),
        typeof(AgreementAmended),
        typeof(AgreementSuperseded),
        typeof(AgreementTerminated),
        typeof(AgreementAbandoned),
        typeof(NoteAdded)
    ];
}
