using LoiTracker.Domain.Common;

namespace LoiTracker.Domain.Agreements;

/// <summary>What a team knows when it drafts an agreement.</summary>
public sealed record DraftTerms(
    string Title,
    AgreementKind Kind,
    string? Summary,
    string? Place,
    string TimeZone,
    string? GoverningLaw,
    Guid? ParentAgreementId,
    IReadOnlyList<AgreementParty> Parties,
    Source Source);

/// <summary>The decisions: each checks the rules of the lifecycle (domain.md) and returns the events that record it.</summary>
public sealed partial record Agreement
{
    public static IEnumerable<object> Draft(Guid id, DraftTerms terms, IReadOnlySet<Guid> registeredParties, Agreement? parent)
    {
        foreach (var party in terms.Parties.Where(p => !registeredParties.Contains(p.PartyId)))
            throw new RuleViolation("unknown-party", $"Party {party.PartyId} is not registered");

        if (terms.ParentAgreementId is { } parentId)
        {
            if (parent is null)
                throw new RuleViolation("unknown-agreement", $"Parent agreement {parentId} does not exist");
            if (terms.Kind == AgreementKind.Amendment && !parent.IsInForce)
                throw new RuleViolation("amend-only-in-force",
                    $"'{parent.Title}' is {parent.Status}: only a signed agreement can be amended");
        }

        yield return new AgreementDrafted(id, terms.Title.Trim(), terms.Kind, terms.Summary, terms.Place, terms.TimeZone,
            terms.GoverningLaw, terms.ParentAgreementId, terms.Source);
        foreach (var party in terms.Parties)
            yield return new PartyJoinedAgreement(id, party.PartyId, party.Role);
    }

    public PartyJoinedAgreement AddParty(Guid partyId, PartyRole role, string partyName)
    {
        MustBeDraft("parties-fixed-after-signing", "Parties join an agreement only while it is a draft");
        if (Parties.Any(p => p.PartyId == partyId))
            throw new RuleViolation("already-a-party", $"{partyName} is already a party to '{Title}'");
        return new PartyJoinedAgreement(Id, partyId, role);
    }

    /// <summary>
    /// Records a provision of a draft; recording a reference again revises it while the agreement is a draft.
    /// An amendment's provision must say which provision of the parent it changes, and that change must fit the parent.
    /// </summary>
    public ProvisionRecorded RecordProvision(Provision provision, Agreement? parent)
    {
        MustBeDraft("provisions-fixed-after-signing",
            $"'{Title}' is {Status}: its provisions change only by an amendment");

        if (Kind == AgreementKind.Amendment)
        {
            if (provision.Amends is null)
                throw new RuleViolation("amendment-must-amend",
                    $"Provision {provision.Ref} of an amendment must say which provision of the parent it replaces, inserts or deletes");
            if (parent is not null) ChangeFor(provision, parent);
            var clash = Provisions.FirstOrDefault(p =>
                !string.Equals(p.Ref, provision.Ref, StringComparison.OrdinalIgnoreCase) &&
                string.Equals(p.Amends?.Ref, provision.Amends.Ref, StringComparison.OrdinalIgnoreCase));
            if (clash is not null)
                throw new RuleViolation("amended-twice",
                    $"Provision {clash.Ref} of this amendment already changes {provision.Amends.Ref} of the parent");
        }
        else if (provision.Amends is not null)
        {
            throw new RuleViolation("only-amendments-amend",
                $"'{Title}' is a {Kind}: only an amendment changes the provisions of another agreement");
        }

        return new ProvisionRecorded(Id, provision);
    }

    public KeyDateSet SetKeyDate(KeyDate keyDate)
    {
        if (Status is AgreementStatus.Superseded or AgreementStatus.Terminated or AgreementStatus.Abandoned)
            throw new RuleViolation("key-dates-closed", $"'{Title}' is {Status}: its key dates no longer change");
        return new KeyDateSet(Id, keyDate, FindKeyDate(keyDate.Kind, keyDate.Note)?.Date);
    }

    /// <summary>
    /// Signs in counterparts: each signatory party signs once, possibly on different dates and in several calls.
    /// The agreement is <c>Signed</c> with the last counterpart.
    /// </summary>
    public IEnumerable<object> Sign(IReadOnlyList<Signature> signatures, DateOnly? effectiveOn, DateTimeOffset now,
        IReadOnlyDictionary<Guid, string> partyNames)
    {
        string NameOf(Guid id) => partyNames.TryGetValue(id, out var name) ? name : $"Party {id}";

        if (IsInForce)
            throw new RuleViolation("already-signed", $"'{Title}' is already signed");
        MustBeDraft("not-signable", $"'{Title}' is {Status}: it can no longer be signed");
        if (Kind == AgreementKind.Amendment && Provisions.IsEmpty)
            throw new RuleViolation("amendment-changes-nothing",
                $"Amendment '{Title}' changes no provision: record what it replaces, inserts or deletes before signing");

        var today = BusinessCalendar.Today(now, TimeZone);
        var signatories = SignatoryIds.ToHashSet();
        foreach (var signature in signatures)
        {
            if (!signatories.Contains(signature.PartyId))
                throw new RuleViolation("not-a-signatory", $"{NameOf(signature.PartyId)} is not a signatory of '{Title}'");
            if (Signatures.FirstOrDefault(s => s.PartyId == signature.PartyId) is { } earlier)
                throw new RuleViolation("signing-twice",
                    $"{NameOf(signature.PartyId)} has already signed '{Title}'", $"Signed on {earlier.SignedOn:yyyy-MM-dd}.");
            if (signature.SignedOn > today)
                throw new RuleViolation("signature-in-future",
                    $"A signature cannot be dated in the future: {signature.SignedOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}, {TimeZone})");
        }

        foreach (var signature in signatures)
            yield return new AgreementSignedByParty(Id, signature.PartyId, signature.SignedOn, signature.SignatoryName.Trim(), effectiveOn);

        var signedBy = Signatures.Select(s => s.PartyId).Concat(signatures.Select(s => s.PartyId)).ToHashSet();
        if (signatories.All(signedBy.Contains))
        {
            var lastSignature = Signatures.Select(s => s.SignedOn).Concat(signatures.Select(s => s.SignedOn)).Max();
            yield return new AgreementSigned(Id, lastSignature, effectiveOn ?? RequestedEffectiveOn ?? lastSignature);
        }
    }

    /// <summary>On the parent, when its amendment is signed: the provisions it replaces, inserts and deletes.</summary>
    public AgreementAmended Amend(Agreement amendment)
    {
        if (!IsInForce)
            throw new RuleViolation("amend-only-in-force", $"'{Title}' is {Status}: it can no longer be amended");
        var changes = amendment.Provisions.Where(p => p.Amends is not null).Select(p => ChangeFor(p, this)).ToList();
        return new AgreementAmended(Id, amendment.Id, changes);
    }

    public AgreementSuperseded Supersede(IReadOnlyList<Agreement> by, string reason)
    {
        if (Status == AgreementStatus.Draft)
            throw new RuleViolation("draft-not-superseded", $"'{Title}' is a draft: abandon it instead of superseding it");
        if (!IsInForce)
            throw new RuleViolation("not-in-force", $"'{Title}' is {Status}: it can no longer be superseded");
        foreach (var successor in by)
        {
            if (successor.Id == Id)
                throw new RuleViolation("supersedes-itself", $"'{Title}' cannot supersede itself");
            if (!successor.IsInForce)
                throw new RuleViolation("successor-not-signed",
                    $"'{successor.Title}' is {successor.Status}: an agreement supersedes another only once it is signed");
        }
        return new AgreementSuperseded(Id, by.Select(a => a.Id).ToList(), reason.Trim());
    }

    public AgreementTerminated Terminate(DateOnly on, string reason)
    {
        if (Status == AgreementStatus.Draft)
            throw new RuleViolation("draft-not-terminated", $"'{Title}' is a draft: abandon it instead of terminating it");
        if (!IsInForce)
            throw new RuleViolation("not-in-force", $"'{Title}' is {Status}: it can no longer be terminated");
        if (SignedOn is { } signedOn && on < signedOn)
            throw new RuleViolation("terminated-before-signing",
                $"'{Title}' was signed on {signedOn:yyyy-MM-dd}: it cannot end on {on:yyyy-MM-dd}");
        return new AgreementTerminated(Id, on, reason.Trim());
    }

    public AgreementAbandoned Abandon(string reason)
    {
        MustBeDraft("abandon-only-drafts", $"'{Title}' is {Status}: only a draft can be abandoned");
        return new AgreementAbandoned(Id, reason.Trim());
    }

    /// <summary>A note everyone who may read the record reads. Privileged notes go to the record's notes stream (<see cref="Notes.PrivilegedNotes"/>).</summary>
    public NoteAdded AddNote(Guid noteId, string text) => new(noteId, text.Trim(), false);

    private void MustBeDraft(string rule, string title)
    {
        if (Status != AgreementStatus.Draft) throw new RuleViolation(rule, title);
    }

    /// <summary>What an amendment's provision does to the parent as it stands now; refuses changes that no longer fit.</summary>
    private static ProvisionChange ChangeFor(Provision amending, Agreement parent)
    {
        var target = amending.Amends!;
        var before = parent.FindProvision(target.Ref);
        var after = amending with { Ref = before?.Ref ?? target.Ref, Amends = null };
        return target.Action switch
        {
            ProvisionAction.Insert when before is not null => throw new RuleViolation("provision-exists",
                $"'{parent.Title}' already has a provision {before.Ref}: replace it rather than insert it"),
            ProvisionAction.Replace or ProvisionAction.Delete when before is null => throw new RuleViolation("no-such-provision",
                $"'{parent.Title}' has no provision {target.Ref} to {target.Action.ToString().ToLowerInvariant()}"),
            ProvisionAction.Delete => new ProvisionChange(before!.Ref, ProvisionAction.Delete, before, null),
            ProvisionAction.Replace => new ProvisionChange(before!.Ref, ProvisionAction.Replace, before, after),
            _ => new ProvisionChange(target.Ref, ProvisionAction.Insert, null, after)
        };
    }
}
