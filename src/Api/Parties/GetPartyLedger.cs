using LoiTracker.Domain.Commitments;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Parties;
using LoiTracker.Projections.Reading;

namespace LoiTracker.Api.Parties;

public sealed record LedgerEntry(Guid CommitmentId, string Title, Guid AgreementId, CommitmentStatus Status, bool Binding,
    IReadOnlyList<PartyRef> Counterparties, QuantityProgress? Quantity);

/// <summary>
/// One workstream and status: how many commitments are in it, the first of them by title, and where to page through
/// all of them (the register, filtered the same way).
/// </summary>
public sealed record LedgerGroup(string Workstream, CommitmentStatus Status, int Count, IReadOnlyList<LedgerEntry> Commitments, string Register);

public sealed record PartyLedger(Guid PartyId, string Name, string? Group, IReadOnlyList<LedgerGroup> Owes, IReadOnlyList<LedgerGroup> IsOwed,
    LedgerRisk Risk);

/// <summary>How many of the party's commitments (that the reader sees) are at each risk level (ADR 17); <c>/api/risk?party=</c> lists them.</summary>
public sealed record LedgerRisk(int Watch, int AtRisk, int Critical, string Register);

public static class GetPartyLedgerEndpoint
{
    public const int DefaultPerGroup = 20;
    public const int MaxPerGroup = 100;

    private sealed record GroupCount(string Side, string Workstream, CommitmentStatus Status, int Count);

    /// <summary>
    /// What the party owes (as an obligor) and is owed (as a beneficiary), by workstream and status: every group counted
    /// by PostgreSQL, and in each the first <c>perGroup</c> commitments (20 by default, at most 100), so the answer stays
    /// the same size however many commitments a party has. Read when asked: no per-party document is rewritten by every
    /// command (architecture.md).
    /// </summary>
    [WolverineGet("/api/parties/{id}/ledger"), Authorize(Policy = Can.Read)]
    public static async Task<PartyLedger> Get(Guid id, int? perGroup, IQuerySession session, TimeProvider clock, Access.Visibility visibility,
        CancellationToken token)
    {
        if (perGroup is < 1 or > MaxPerGroup)
            throw new InvalidRequest(new Dictionary<string, string[]> { ["perGroup"] = [$"Show between 1 and {MaxPerGroup} commitments per group."] });
        var take = perGroup ?? DefaultPerGroup;
        var party = await session.LoadAsync<PartyView>(id, token) ?? throw new NotFound("Party", id);

        var table = session.DocumentStore.Options.Schema.For<CommitmentView>(qualified: true);
        // Counted and listed over the commitments the user sees (ADR 16): null when it sees everything.
        var seen = await visibility.CommitmentIds();
        var scoped = seen is null ? "" : " and id = any(?)";
        object[] parameters = seen is null ? [id.ToString(), id.ToString()] : [id.ToString(), seen, id.ToString(), seen];
        var counts = await session.AdvancedSql.QueryAsync<GroupCount>(
            $"select json_build_object('side', side, 'workstream', workstream, 'status', status, 'count', count(*)) from (" +
            $"  select 'owes' as side, data ->> 'workstream' as workstream, data ->> 'status' as status from {table} where data @> jsonb_build_object('obligors', jsonb_build_array(?::text)){scoped}" +
            $"  union all" +
            $"  select 'isOwed', data ->> 'workstream', data ->> 'status' from {table} where data @> jsonb_build_object('beneficiaries', jsonb_build_array(?::text)){scoped}" +
            ") sides group by side, workstream, status order by side, workstream, status", token, parameters);

        var batch = session.CreateBatchQuery();
        Marten.Services.BatchQuerying.IBatchedQueryable<CommitmentView> Visible(
            System.Linq.Expressions.Expression<Func<CommitmentView, bool>> where)
        {
            var query = batch.Query<CommitmentView>().Where(where);
            return seen is null ? query : query.Where(c => c.Id.IsOneOf(seen));
        }
        var pages = counts.Select(g => (Group: g, Page: (g.Side == "owes"
                ? Visible(c => c.Obligors.Contains(id) && c.Workstream == g.Workstream && c.Status == g.Status)
                : Visible(c => c.Beneficiaries.Contains(id) && c.Workstream == g.Workstream && c.Status == g.Status))
            .OrderBy(c => c.Title).ThenBy(c => c.Id).Take(take).ToList())).ToList();
        if (pages.Count > 0) await batch.Execute(token);

        var shown = new List<CommitmentView>();
        foreach (var (_, page) in pages) shown.AddRange(await page);
        var names = await References.Parties(session, shown.SelectMany(c => c.Parties), token);
        var agreements = await References.Agreements(session, shown.Select(c => c.AgreementId), token);
        var facts = await CurrentFacts.For(session, [.. shown.Select(c => c.Id).Distinct()], token);
        var now = clock.GetUtcNow();

        async Task<List<LedgerGroup>> Side(string side, string filter, Func<CommitmentView, IEnumerable<Guid>> counterparties)
        {
            var groups = new List<LedgerGroup>();
            foreach (var (group, page) in pages.Where(p => p.Group.Side == side))
                groups.Add(new LedgerGroup(group.Workstream, group.Status, group.Count, [
                    .. (await page).Select(c => new LedgerEntry(c.Id, c.Title, c.AgreementId, c.Status, c.Binding,
                        References.PartiesOf(counterparties(c), names),
                        facts.ProgressOf(c, agreements.GetValueOrDefault(c.AgreementId)?.TimeZone ?? BusinessCalendar.DefaultTimeZone, now)))
                ], $"/api/commitments?{filter}={id}&workstream={Uri.EscapeDataString(group.Workstream)}&status={group.Status}"));
            return groups;
        }

        // Counted by PostgreSQL through the risk documents' GIN index, over what the reader sees.
        var risks = session.DocumentStore.Options.Schema.For<Projections.Risk.RiskView>(qualified: true);
        var levels = (await session.AdvancedSql.QueryAsync<LevelCount>(
            $"select json_build_object('rank', rank, 'count', n) from (select (data ->> 'rank')::int as rank, count(*) as n from {risks} " +
            $"where data @> jsonb_build_object('parties', jsonb_build_array(?::text)) and (data ->> 'rank')::int > 0{scoped} group by 1) levels",
            token, seen is null ? [id.ToString()] : [id.ToString(), seen])).ToDictionary(l => l.Rank, l => l.Count);
        return new PartyLedger(party.Id, party.Name, party.Group,
            await Side("owes", "obligor", c => c.Beneficiaries), await Side("isOwed", "beneficiary", c => c.Obligors),
            new LedgerRisk(levels.GetValueOrDefault(1), levels.GetValueOrDefault(2), levels.GetValueOrDefault(3), $"/api/risk?party={id}"));
    }
}

file sealed record LevelCount(int Rank, int Count);
