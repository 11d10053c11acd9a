using System.Collections.Immutable;
using LoiTracker.Domain.Common;

namespace LoiTracker.Domain.Agreements;

public sealed record AgreementParty(Guid PartyId, PartyRole Role);

/// <summary>
/// The agreement as its commands need it to decide: lifecycle, parties, provisions, key dates, signatures.
/// Immutable: the handlers never change it, the projection folds events into a new one.
/// </summary>
public sealed partial record Agreement
{
    public Guid Id { get; init; }
    public long Version { get; init; }
    public string Title { get; init; } = "";
    public AgreementKind Kind { get; init; }
    public AgreementStatus Status { get; init; }
    public string TimeZone { get; init; } = "UTC";
    public Guid? ParentAgreementId { get; init; }
    public ImmutableList<AgreementParty> Parties { get; init; } = [];
    public ImmutableList<Provision> Provisions { get; init; } = [];
    public ImmutableList<KeyDate> KeyDates { get; init; } = [];
    public ImmutableList<Signature> Signatures { get; init; } = [];
    public DateOnly? RequestedEffectiveOn { get; init; }
    public DateOnly? SignedOn { get; init; }
    public DateOnly? EffectiveOn { get; init; }
    public ImmutableList<Guid> SupersededBy { get; init; } = [];

    public bool IsInForce => Status is AgreementStatus.Signed or AgreementStatus.Amended;

    /// <summary>Superseded, terminated or abandoned: nothing new is promised under it.</summary>
    public bool HasEnded => Status is AgreementStatus.Superseded or AgreementStatus.Terminated or AgreementStatus.Abandoned;

    public IEnumerable<Guid> SignatoryIds =>
        Parties.Where(p => p.Role == PartyRole.Signatory).Select(p => p.PartyId);

    public Provision? FindProvision(string reference) =>
        Provisions.FirstOrDefault(p => string.Equals(p.Ref, reference, StringComparison.OrdinalIgnoreCase));

    public KeyDate? FindKeyDate(KeyDateKind kind, string? note) =>
        KeyDates.FirstOrDefault(k => k.Kind == kind && (kind != KeyDateKind.Other || string.Equals(k.Note, note, StringComparison.OrdinalIgnoreCase)));

    // ---- folding events -------------------------------------------------------------------------------------

    public static Agreement From(AgreementDrafted e) => new()
    {
        Id = e.AgreementId,
        Title = e.Title,
        Kind = e.Kind,
        Status = AgreementStatus.Draft,
        TimeZone = e.TimeZone,
        ParentAgreementId = e.ParentAgreementId
    };

    public Agreement When(object e) => e switch
    {
        PartyJoinedAgreement joined => this with { Parties = Parties.Add(new AgreementParty(joined.PartyId, joined.Role)) },
        ProvisionRecorded recorded => this with { Provisions = Upsert(Provisions, recorded.Provision) },
        KeyDateSet set => this with
        {
            KeyDates = FindKeyDate(set.KeyDate.Kind, set.KeyDate.Note) is { } existing
                ? KeyDates.Replace(existing, set.KeyDate)
                : KeyDates.Add(set.KeyDate)
        },
        AgreementSignedByParty signed => this with
        {
            Signatures = Signatures.Add(new Signature(signed.PartyId, signed.SignedOn, signed.SignatoryName)),
            RequestedEffectiveOn = signed.EffectiveOn ?? RequestedEffectiveOn
        },
        AgreementSigned signed => this with
        {
            Status = AgreementStatus.Signed, SignedOn = signed.SignedOn, EffectiveOn = signed.EffectiveOn
        },
        AgreementAmended amended => this with
        {
            Status = AgreementStatus.Amended, Provisions = ApplyChanges(Provisions, amended.Changes)
        },
        AgreementSuperseded superseded => this with { Status = AgreementStatus.Superseded, SupersededBy = [.. superseded.ByAgreementIds] },
        AgreementTerminated => this with { Status = AgreementStatus.Terminated },
        AgreementAbandoned => this with { Status = AgreementStatus.Abandoned },
        _ => this
    };

    private static ImmutableList<Provision> Upsert(ImmutableList<Provision> provisions, Provision provision)
    {
        var existing = provisions.FirstOrDefault(p => string.Equals(p.Ref, provision.Ref, StringComparison.OrdinalIgnoreCase));
        return existing is null ? provisions.Add(provision) : provisions.Replace(existing, provision);
    }

    /// <summary>Applies an amendment's changes to a parent's provisions; shared by the aggregate and the read model.</summary>
    public static ImmutableList<Provision> ApplyChanges(ImmutableList<Provision> provisions, IEnumerable<ProvisionChange> changes)
    {
        foreach (var change in changes)
        {
            var existing = provisions.FirstOrDefault(p => string.Equals(p.Ref, change.Ref, StringComparison.OrdinalIgnoreCase));
            provisions = change.Action switch
            {
                ProvisionAction.Delete when existing is not null => provisions.Remove(existing),
                ProvisionAction.Replace when existing is not null => provisions.Replace(existing, change.After!),
                ProvisionAction.Insert when existing is null => provisions.Add(change.After!),
                _ => provisions
            };
        }
        return provisions;
    }
}
