using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Common;
using LoiTracker.Projections.Parties;

namespace LoiTracker.Api.Agreements;

public sealed record PartyOnAgreement(Guid PartyId, string Name, string? Group, PartyRole Role, Signature? Signature);

public sealed record ProvisionInForce(string Ref, string Heading, string Text, bool Binding, bool Survives, bool InForce,
    ProvisionAmends? Amends);

public sealed record KeyDateView(KeyDateKind Kind, DateOnly Date, string? Note, DateTimeOffset FallsDueAt, bool Passed)
{
    public static KeyDateView Of(KeyDate k, string timeZone, DateTimeOffset now)
    {
        var due = BusinessCalendar.FallsDueAt(k.Date, timeZone);
        return new KeyDateView(k.Kind, k.Date, k.Note, due, due <= now);
    }
}

public sealed record AgreementLink(Guid Id, string Title, AgreementKind Kind, [property: OneOf(typeof(AgreementStatuses))] string Status);

public sealed record Lineage(AgreementLink? Parent, IReadOnlyList<AgreementLink> Amendments, IReadOnlyList<AgreementLink> Children,
    IReadOnlyList<AgreementLink> Supersedes, IReadOnlyList<AgreementLink> SupersededBy);

public sealed record AgreementDetails(
    Guid Id, long Version, string Title, AgreementKind Kind, [property: OneOf(typeof(AgreementStatuses))] string Status,
    AgreementStatus RecordedStatus,
    string? Summary, string? Place, string TimeZone, string? GoverningLaw, Source? Source,
    IReadOnlyList<PartyOnAgreement> Parties, IReadOnlyList<ProvisionInForce> Provisions, IReadOnlyList<KeyDateView> KeyDates,
    IReadOnlyList<Signature> Signatures, DateOnly? SignedOn, DateOnly? EffectiveOn, DateOnly? ExpiresOn,
    IReadOnlyList<AppliedAmendment> AppliedAmendments, Ending? Ended, IReadOnlyList<NoteView> Notes,
    IReadOnlyDictionary<string, int> CommitmentCounts, Lineage Lineage, DateTimeOffset DraftedAt, string? DraftedBy,
    LastChange? LastChange) : IStreamResource;

public sealed record AgreementSummary(
    Guid Id, long Version, string Title, AgreementKind Kind, [property: OneOf(typeof(AgreementStatuses))] string Status,
    IReadOnlyList<PartyOnAgreement> Parties,
    DateOnly? SignedOn, DateOnly? EffectiveOn, DateOnly? ExpiresOn, DateTimeOffset DraftedAt, LastChange? LastChange);

public static class AgreementReading
{
    public static string StatusOf(AgreementView view, DateTimeOffset now) => AgreementStatuses.Of(view.Status, view.ExpiresAt, now);

    public static List<PartyOnAgreement> PartiesOn(AgreementView view, IReadOnlyDictionary<Guid, PartyView> parties) =>
        [.. view.Parties.Select(p => new PartyOnAgreement(p.PartyId,
            parties.TryGetValue(p.PartyId, out var party) ? party.Name : "(unknown party)", party?.Group, p.Role,
            view.Signatures.FirstOrDefault(s => s.PartyId == p.PartyId)))];
}
