using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;

namespace LoiTracker.Domain.Tests;

/// <summary>Given some events, the state they fold into: the same fold the projection runs.</summary>
public static class Given
{
    public static readonly Guid OpenAi = Guid.CreateVersion7();
    public static readonly Guid SamsungElectronics = Guid.CreateVersion7();
    public static readonly Guid SamsungSds = Guid.CreateVersion7();

    public static readonly IReadOnlyDictionary<Guid, string> Names = new Dictionary<Guid, string>
    {
        [OpenAi] = "OpenAI", [SamsungElectronics] = "Samsung Electronics", [SamsungSds] = "Samsung SDS"
    };

    public static readonly Source Press = new(SourceKind.PublicAnnouncement, "Samsung newsroom, 2025-10-01");

    /// <summary>1 October 2025, 10:00 in Seoul.</summary>
    public static readonly DateTimeOffset SigningDay = new(2025, 10, 1, 1, 0, 0, TimeSpan.Zero);

    public static Agreement Fold(params object[] events)
    {
        var state = Agreement.From((AgreementDrafted)events[0]);
        return events.Skip(1).Aggregate(state, (s, e) => s.When(e)) with { Version = events.Length };
    }

    public static Agreement Fold(Agreement state, IEnumerable<object> events) =>
        events.Aggregate(state, (s, e) => s.When(e));

    public static Agreement DraftLoi(AgreementKind kind = AgreementKind.LetterOfIntent, Guid? parent = null, params Guid[] signatories)
    {
        var id = Guid.CreateVersion7();
        signatories = signatories.Length == 0 ? [OpenAi, SamsungElectronics] : signatories;
        return Fold([
            new AgreementDrafted(id, "Letter of intent", kind, null, "Seoul", "Asia/Seoul", null, parent, Press),
            .. signatories.Select(p => new PartyJoinedAgreement(id, p, PartyRole.Signatory))
        ]);
    }

    public static Agreement SignedLoi(params Provision[] provisions)
    {
        var draft = DraftLoi();
        var withProvisions = Fold(draft, provisions.Select(p => new ProvisionRecorded(draft.Id, p)));
        return Fold(withProvisions, withProvisions.Sign(
            [new Signature(OpenAi, new DateOnly(2025, 10, 1), "Sam Altman"), new Signature(SamsungElectronics, new DateOnly(2025, 10, 1), "Jun Young-hyun")],
            null, SigningDay, Names));
    }

    public static Provision Clause(string reference, bool binding = false, bool survives = false, ProvisionAmends? amends = null) =>
        new(reference, $"Heading {reference}", $"Text of {reference}", binding, survives, amends);
}
