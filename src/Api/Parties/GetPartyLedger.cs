using LoiTracker.Api.Auth;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Parties;
using LoiTracker.Projections.Reading;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Parties;

public sealed record LedgerEntry(Guid CommitmentId, string Title, Guid AgreementId, CommitmentStatus Status, bool Binding,
    IReadOnlyList<PartyRef> Counterparties, QuantityProgress? Quantity);

/// <summary>One workstream and status, with the commitments in it.</summary>
public sealed record LedgerGroup(string Workstream, CommitmentStatus Status, int Count, IReadOnlyList<LedgerEntry> Commitments);

public sealed record PartyLedger(Guid PartyId, string Name, string? Group, IReadOnlyList<LedgerGroup> Owes, IReadOnlyList<LedgerGroup> IsOwed);

public static class GetPartyLedgerEndpoint
{
    /// <summary>
    /// What the party owes (as an obligor) and is owed (as a beneficiary), by workstream and status. Read from the
    /// commitments when asked, so no per-party document is rewritten by every command (architecture.md).
    /// </summary>
    [WolverineGet("/api/parties/{id}/ledger"), Authorize(Policy = Can.Read)]
    public static async Task<PartyLedger> Get(Guid id, IQuerySession session, TimeProvider clock, CancellationToken token)
    {
        var party = await session.LoadAsync<PartyView>(id, token) ?? throw new NotFound("Party", id);
        var commitments = await session.Query<CommitmentView>().Where(c => c.Parties.Contains(id)).ToListAsync(token);
        var names = await References.Parties(session, commitments.SelectMany(c => c.Parties), token);
        var agreements = await References.Agreements(session, commitments.Select(c => c.AgreementId), token);
        var now = clock.GetUtcNow();
        var facts = await CurrentFacts.For(session, [.. commitments.Select(c => c.Id)], token);

        List<LedgerGroup> Groups(Func<CommitmentView, bool> side, Func<CommitmentView, IEnumerable<Guid>> counterparties) =>
        [
            .. commitments.Where(side).GroupBy(c => (c.Workstream, c.Status)).OrderBy(g => g.Key.Workstream).ThenBy(g => g.Key.Status)
                .Select(g => new LedgerGroup(g.Key.Workstream, g.Key.Status, g.Count(), [
                    .. g.OrderBy(c => c.Title).Select(c => new LedgerEntry(c.Id, c.Title, c.AgreementId, c.Status, c.Binding,
                        References.PartiesOf(counterparties(c), names),
                        facts.ProgressOf(c, agreements.GetValueOrDefault(c.AgreementId)?.TimeZone ?? BusinessCalendar.DefaultTimeZone, now)))
                ]))
        ];

        return new PartyLedger(party.Id, party.Name, party.Group,
            Groups(c => c.Obligors.Contains(id), c => c.Beneficiaries),
            Groups(c => c.Beneficiaries.Contains(id), c => c.Obligors));
    }
}
