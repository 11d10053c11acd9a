using System.Collections.Immutable;
using JasperFx.Events;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Common;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Agreements;

/// <summary>
/// An agreement as legal teams read it: everything recorded on its stream, kept inline so a read right after a
/// write sees it. What depends on the clock (expired) or on other streams (lineage, party names, commitment counts)
/// is added when it is read.
/// </summary>
public sealed class AgreementView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Title { get; set; } = "";
    public AgreementKind Kind { get; set; }
    public AgreementStatus Status { get; set; }
    public string? Summary { get; set; }
    public string? Place { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public string? GoverningLaw { get; set; }
    public Guid? ParentAgreementId { get; set; }
    public Source? Source { get; set; }
    public List<AgreementParty> Parties { get; set; } = [];
    public List<Provision> Provisions { get; set; } = [];
    public List<KeyDate> KeyDates { get; set; } = [];
    /// <summary>How many times each key date (by <see cref="KeyOf"/>) was moved to another date: the calendar feed's SEQUENCE.</summary>
    public Dictionary<string, int> KeyDateMoves { get; set; } = [];
    public List<Signature> Signatures { get; set; } = [];
    public DateOnly? SignedOn { get; set; }
    public DateOnly? EffectiveOn { get; set; }
    /// <summary>The expiry key date, and the instant it passes in the deadline time zone: "expired" is derived from it.</summary>
    public DateOnly? ExpiresOn { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public List<AppliedAmendment> Amendments { get; set; } = [];
    public List<Guid> SupersededBy { get; set; } = [];
    public Ending? Ended { get; set; }
    public List<NoteView> Notes { get; set; } = [];
    public DateTimeOffset DraftedAt { get; set; }
    public string? DraftedBy { get; set; }
    public LastChange? LastChange { get; set; }

    /// <summary>What tells one key date from another on an agreement: its kind, and for "other" ones its note (any case).</summary>
    public static string KeyOf(KeyDate keyDate) =>
        keyDate.Kind == KeyDateKind.Other ? $"Other:{keyDate.Note?.ToLowerInvariant()}" : keyDate.Kind.ToString();
}

/// <summary>A signed amendment as it changed this agreement, each provision before and after.</summary>
public sealed record AppliedAmendment(Guid AmendmentId, DateTimeOffset RecordedAt, IReadOnlyList<ProvisionChange> Changes);

/// <summary>How an agreement stopped: superseded, terminated or abandoned, on what date and why.</summary>
public sealed record Ending(AgreementStatus As, DateOnly? On, string Reason, DateTimeOffset RecordedAt, string? By);

public partial class AgreementViewProjection : SingleStreamProjection<AgreementView, Guid>
{
    public AgreementViewProjection()
    {
        this.Folds(typeof(Agreement), AgreementEvents.All);
    }

    public override AgreementView? Evolve(AgreementView? view, Guid id, IEvent e)
    {
        if (e.Data is AgreementDrafted drafted)
        {
            view = new AgreementView
            {
                Id = drafted.AgreementId, Title = drafted.Title, Kind = drafted.Kind, Status = AgreementStatus.Draft,
                Summary = drafted.Summary, Place = drafted.Place, TimeZone = drafted.TimeZone,
                GoverningLaw = drafted.GoverningLaw, ParentAgreementId = drafted.ParentAgreementId,
                Source = drafted.Source, DraftedAt = Provenance.RecordedAt(e), DraftedBy = Provenance.ActorNameOf(e)
            };
        }
        if (view is null) return null;

        switch (e.Data)
        {
            case PartyJoinedAgreement joined:
                view.Parties.Add(new AgreementParty(joined.PartyId, joined.Role));
                break;
            case ProvisionRecorded recorded:
                view.Provisions.RemoveAll(p => string.Equals(p.Ref, recorded.Provision.Ref, StringComparison.OrdinalIgnoreCase));
                view.Provisions.Add(recorded.Provision);
                break;
            case KeyDateSet set:
                view.KeyDates.RemoveAll(k => k.Kind == set.KeyDate.Kind &&
                    (k.Kind != KeyDateKind.Other || string.Equals(k.Note, set.KeyDate.Note, StringComparison.OrdinalIgnoreCase)));
                view.KeyDates.Add(set.KeyDate);
                if (set.PreviousDate is { } previous && previous != set.KeyDate.Date)
                    view.KeyDateMoves[AgreementView.KeyOf(set.KeyDate)] = view.KeyDateMoves.GetValueOrDefault(AgreementView.KeyOf(set.KeyDate)) + 1;
                view.KeyDates.Sort((a, b) => a.Date.CompareTo(b.Date));
                if (set.KeyDate.Kind == KeyDateKind.Expiry)
                {
                    view.ExpiresOn = set.KeyDate.Date;
                    view.ExpiresAt = BusinessCalendar.FallsDueAt(set.KeyDate.Date, view.TimeZone);
                }
                break;
            case AgreementSignedByParty signed:
                view.Signatures.Add(new Signature(signed.PartyId, signed.SignedOn, signed.SignatoryName));
                break;
            case AgreementSigned signed:
                view.Status = AgreementStatus.Signed;
                view.SignedOn = signed.SignedOn;
                view.EffectiveOn = signed.EffectiveOn;
                break;
            case AgreementAmended amended:
                view.Status = AgreementStatus.Amended;
                view.Provisions = [.. Agreement.ApplyChanges([.. view.Provisions], amended.Changes)];
                view.Amendments.Add(new AppliedAmendment(amended.AmendmentId, Provenance.RecordedAt(e), amended.Changes));
                break;
            case AgreementSuperseded superseded:
                view.Status = AgreementStatus.Superseded;
                view.SupersededBy = [.. superseded.ByAgreementIds];
                view.Ended = new Ending(AgreementStatus.Superseded, null, superseded.Reason, Provenance.RecordedAt(e), Provenance.ActorNameOf(e));
                break;
            case AgreementTerminated terminated:
                view.Status = AgreementStatus.Terminated;
                view.Ended = new Ending(AgreementStatus.Terminated, terminated.On, terminated.Reason, Provenance.RecordedAt(e), Provenance.ActorNameOf(e));
                break;
            case AgreementAbandoned abandoned:
                view.Status = AgreementStatus.Abandoned;
                view.Ended = new Ending(AgreementStatus.Abandoned, null, abandoned.Reason, Provenance.RecordedAt(e), Provenance.ActorNameOf(e));
                break;
            case NoteAdded note:
                view.Notes.Add(new NoteView(note.NoteId, note.Text, note.Privileged, Provenance.RecordedAt(e), Provenance.ActorNameOf(e)));
                break;
        }

        view.Version = e.Version;
        view.LastChange = LastChange.Of(e);
        return view;
    }
}
