using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Parties;
using Marten;

namespace LoiTracker.Projections.Reading;

/// <summary>A party as another record shows it: its current name, so a renamed party reads the same everywhere.</summary>
public sealed record PartyRef(Guid PartyId, string Name, string? Group);

/// <summary>An agreement as another record shows it, with the status a reader sees (<c>Expired</c> included).</summary>
public sealed record AgreementRef(Guid Id, string Title, AgreementKind Kind, [property: OneOf(typeof(AgreementStatuses))] string Status,
    string TimeZone);

/// <summary>Names and titles read when a record is read (ADR 2), by id, in one query per kind.</summary>
public static class References
{
    public static async Task<IReadOnlyDictionary<Guid, PartyView>> Parties(IQuerySession session, IEnumerable<Guid> ids, CancellationToken token)
    {
        var wanted = ids.Distinct().ToArray();
        return wanted.Length == 0
            ? new Dictionary<Guid, PartyView>()
            : (await session.LoadManyAsync<PartyView>(token, wanted)).ToDictionary(p => p.Id);
    }

    public static async Task<IReadOnlyDictionary<Guid, AgreementView>> Agreements(IQuerySession session, IEnumerable<Guid> ids,
        CancellationToken token)
    {
        var wanted = ids.Distinct().ToArray();
        return wanted.Length == 0
            ? new Dictionary<Guid, AgreementView>()
            : (await session.LoadManyAsync<AgreementView>(token, wanted)).ToDictionary(a => a.Id);
    }

    public static List<PartyRef> PartiesOf(IEnumerable<Guid> ids, IReadOnlyDictionary<Guid, PartyView> parties) =>
        [.. ids.Select(id => parties.GetValueOrDefault(id) is { } p ? new PartyRef(id, p.Name, p.Group) : new PartyRef(id, "(unknown party)", null))];

    public static AgreementRef AgreementOf(AgreementView? agreement, DateTimeOffset now) => agreement is null
        ? new AgreementRef(Guid.Empty, "(unknown agreement)", AgreementKind.LetterOfIntent, "", "UTC")
        : new AgreementRef(agreement.Id, agreement.Title, agreement.Kind, AgreementStatuses.Of(agreement.Status, agreement.ExpiresAt, now),
            agreement.TimeZone);
}
