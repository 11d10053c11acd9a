using System.Security.Claims;
using LoiTracker.Domain.Access;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Conditions;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Parties;
using Marten;

namespace LoiTracker.Api.Access;

/// <summary>What a scoped user is given as a restriction by its identity provider: party and agreement ids, repeatable.</summary>
public static class ScopeClaims
{
    public const string Party = "scope_party";
    public const string Agreement = "scope_agreement";

    /// <summary>The restriction the claims carry, if any. An id that is not a GUID restricts to nothing (fail closed).</summary>
    public static Restriction? Of(ClaimsPrincipal user)
    {
        var parties = user.FindAll(Party).Select(c => c.Value).ToList();
        var agreements = user.FindAll(Agreement).Select(c => c.Value).ToList();
        if (parties.Count == 0 && agreements.Count == 0) return null;
        static IEnumerable<Guid> Ids(IEnumerable<string> values) => values.Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty);
        return Restriction.Of(Ids(parties), Ids(agreements));
    }
}

/// <summary>
/// What the user of this request may see (ADR 16), decided in one place: its <see cref="Scope"/> from the token's claims
/// and the assignment an admin recorded, and, for a scoped user, the ids it sees of each kind, read once per request
/// through indexes (the parties' GIN containment, the agreement index). Unrestricted users cost nothing: no query runs.
/// </summary>
public sealed class Visibility(IHttpContextAccessor http, ScopeAssignments assignments, IQuerySession session, ReadLog reads)
{
    private Scope? _scope;
    private IReadOnlySet<Guid>? _agreements, _commitments, _parties, _conditions;

    /// <summary>The scope of a user not known to this request (a command line, the importer's sample load): unlimited.</summary>
    public async Task<Scope> Scope()
    {
        if (_scope is not null) return _scope;
        var user = http.HttpContext?.User;
        var subject = user?.FindFirstValue("sub");
        if (user is null || subject is null) return _scope = Domain.Access.Scope.Unlimited;
        return _scope = Domain.Access.Scope.Of(ScopeClaims.Of(user), await assignments.Of(subject, session));
    }

    public async Task<bool> Unrestricted() => (await Scope()).Unrestricted;

    /// <summary>Whether the user sees the thing of <paramref name="kind"/> with this id; a thing that does not exist is not seen.</summary>
    public async Task<bool> Sees(ScopedKind kind, Guid id)
    {
        if (await Unrestricted()) return true;
        return kind switch
        {
            ScopedKind.Agreement => (await Agreements()).Contains(id),
            ScopedKind.Commitment => (await Commitments()).Contains(id),
            ScopedKind.Party => (await Parties()).Contains(id),
            ScopedKind.Condition => (await Conditions()).Contains(id),
            ScopedKind.Alert => await session.LoadAsync<Projections.Alerts.AlertView>(id) is { } alert &&
                                (alert.CommitmentId is { } c ? (await Commitments()).Contains(c) : alert.AgreementId is { } a && (await Agreements()).Contains(a)),
            ScopedKind.Milestone => await session.LoadAsync<MilestoneView>(id) is { } m && (await Commitments()).Contains(m.CommitmentId),
            _ => false
        };
    }

    /// <summary>The query narrowed to what the user sees; every paged list goes through it (<see cref="Infrastructure.Pages"/>).</summary>
    public async Task<IQueryable<T>> Only<T>(IQueryable<T> query)
    {
        if (await Unrestricted()) return query;
        switch (query)
        {
            case IQueryable<CommitmentView> q: { var ids = Array(await Commitments()); return (IQueryable<T>)q.Where(c => c.Id.IsOneOf(ids)); }
            case IQueryable<AgreementView> q: { var ids = Array(await Agreements()); return (IQueryable<T>)q.Where(a => a.Id.IsOneOf(ids)); }
            case IQueryable<PartyView> q: { var ids = Array(await Parties()); return (IQueryable<T>)q.Where(p => p.Id.IsOneOf(ids)); }
            case IQueryable<ConditionView> q: { var ids = Array(await Conditions()); return (IQueryable<T>)q.Where(c => c.Id.IsOneOf(ids)); }
            case IQueryable<MilestoneView> q: { var ids = Array(await Commitments()); return (IQueryable<T>)q.Where(m => m.CommitmentId.IsOneOf(ids)); }
            case IQueryable<Projections.Risk.RiskView> q: { var ids = Array(await Commitments()); return (IQueryable<T>)q.Where(r => r.Id.IsOneOf(ids)); }
            case IQueryable<MilestoneScheduleView> q:
                { var ids = Array(await Commitments()); return (IQueryable<T>)q.Where(m => m.CommitmentId.IsOneOf(ids)); }
            case IQueryable<Projections.Alerts.AlertView> q:
            {
                // An alert is seen with its commitment, or with its agreement when it is about the agreement itself (a key date, a condition).
                Guid?[] commitments = [.. (await Commitments()).Select(id => (Guid?)id)];
                Guid?[] agreements = [.. (await Agreements()).Select(id => (Guid?)id)];
                return (IQueryable<T>)q.Where(a => a.CommitmentId.IsOneOf(commitments) || (a.CommitmentId == null && a.AgreementId.IsOneOf(agreements)));
            }
            default: throw new InvalidOperationException($"No scoping rule for {typeof(T).Name}: add one to Visibility.Only (ADR 16).");
        }
    }

    /// <summary>
    /// A page of what the user sees, counted over what it sees: every list of the Api is paged here, so none can forget
    /// the scope. A page of more than <see cref="ReadLog.BulkRows"/> rows is recorded as a bulk read before it is served.
    /// </summary>
    public async Task<Page<T>> Page<T>(Func<IQueryable<T>> query, Paging paging, CancellationToken token) where T : notnull
    {
        var scoped = await Only(query());
        var page = await Pages.PageAsync(() => scoped, paging, token);
        if (page.Items.Count > ReadLog.BulkRows) await reads.Record(ReadLog.Bulk, page.Items.Count, token);
        return page;
    }

    /// <summary>The ids among <paramref name="ids"/> the user sees: for references a response names (dependencies, waiting commitments).</summary>
    public async Task<IReadOnlySet<Guid>> Visible(ScopedKind kind, IEnumerable<Guid> ids)
    {
        var wanted = ids.ToHashSet();
        if (await Unrestricted()) return wanted;
        var seen = kind switch
        {
            ScopedKind.Agreement => await Agreements(),
            ScopedKind.Commitment => await Commitments(),
            ScopedKind.Party => await Parties(),
            ScopedKind.Condition => await Conditions(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Milestones are seen through their commitments.")
        };
        wanted.IntersectWith(seen);
        return wanted;
    }

    /// <summary>The commitment ids a scoped user sees (null when unrestricted): for reads that filter in SQL of their own.</summary>
    public async Task<Guid[]?> CommitmentIds() => await Unrestricted() ? null : Array(await Commitments());

    /// <summary>Every record the user sees, of every kind, for the audit trail's filters; null when unrestricted.</summary>
    public async Task<Guid[]?> RecordIds() => await Unrestricted()
        ? null
        : [.. await Agreements(), .. await Commitments(), .. await Parties(), .. await Conditions()];

    private static Guid[] Array(IReadOnlySet<Guid> ids) => [.. ids];


    private async Task<IReadOnlySet<Guid>> Agreements() => _agreements ??= await Intersect(AgreementsOf);

    private async Task<IReadOnlySet<Guid>> Commitments() => _commitments ??= await Intersect(CommitmentsOf);

    private async Task<IReadOnlySet<Guid>> Parties()
    {
        if (_parties is not null) return _parties;
        var agreements = await Agreements();
        var onAgreements = (await Ids(
            $"select distinct (p ->> 'partyId')::uuid as id from {Table<AgreementView>()} d, jsonb_array_elements(d.data -> 'parties') p " +
            "where d.id = any(?)", Array(agreements))).ToHashSet();
        var scope = await Scope();
        return _parties = scope.Restrictions.Select(r => r.Parties.Concat(onAgreements).ToHashSet())
            .Aggregate((a, b) => { a.IntersectWith(b); return a; });
    }

    private async Task<IReadOnlySet<Guid>> Conditions()
    {
        if (_conditions is not null) return _conditions;
        var commitments = Array(await Commitments());
        var agreements = Array(await Agreements());
        return _conditions = (await Ids(
            $"select jsonb_array_elements_text(d.data -> 'conditionIds')::uuid as id from {Table<CommitmentView>()} d where d.id = any(?) " +
            $"union select jsonb_array_elements_text(m.data -> 'conditionIds')::uuid from {Table<MilestoneView>()} m " +
            "where CAST(m.data ->> 'commitmentId' as uuid) = any(?) " +
            $"union select c.id from {Table<ConditionView>()} c where CAST(c.data ->> 'agreementId' as uuid) = any(?)",
            commitments, commitments, agreements)).ToHashSet();
    }

    private async Task<IReadOnlySet<Guid>> Intersect(Func<Restriction, Task<IReadOnlyList<Guid>>> of)
    {
        HashSet<Guid>? seen = null;
        foreach (var restriction in (await Scope()).Restrictions)
        {
            var ids = await of(restriction);
            if (seen is null) seen = [.. ids];
            else seen.IntersectWith(ids);
        }
        return seen ?? [];
    }

    // An agreement is seen when named, or when one of the named parties is on it (GIN containment on the document).
    private Task<IReadOnlyList<Guid>> AgreementsOf(Restriction r) => Union(
        $"select d.id from {Table<AgreementView>()} d where d.id = any(?)", [.. r.Agreements],
        $"select d.id from {Table<AgreementView>()} d where d.data @> ?::jsonb", r.Parties,
        party => $$"""{"parties":[{"partyId":"{{party}}"}]}""");

    // A commitment is seen when its agreement is named (the agreement index), or one of the named parties is among its own.
    private Task<IReadOnlyList<Guid>> CommitmentsOf(Restriction r) => Union(
        $"select d.id from {Table<CommitmentView>()} d where CAST(d.data ->> 'agreementId' as uuid) = any(?)", [.. r.Agreements],
        $"select d.id from {Table<CommitmentView>()} d where d.data @> ?::jsonb", r.Parties,
        party => $$"""{"parties":["{{party}}"]}""");

    private async Task<IReadOnlyList<Guid>> Union(string byId, Guid[] ids, string byParty, IReadOnlySet<Guid> parties, Func<Guid, string> containing)
    {
        var sql = string.Join(" union ", [byId, .. parties.Select(_ => byParty)]);
        return await Ids(sql, [ids, .. parties.Select(p => (object)containing(p))]);
    }

    private async Task<IReadOnlyList<Guid>> Ids(string sql, params object[] parameters)
    {
        var rows = await session.AdvancedSql.QueryAsync<IdList>(
            $"select json_build_object('ids', coalesce(json_agg(x.id), '[]')) from ({sql}) x", CancellationToken.None, parameters);
        return rows.Single().Ids;
    }

    private string Table<T>() => session.DocumentStore.Options.Schema.For<T>(qualified: true);

    private sealed record IdList(List<Guid> Ids);
}

/// <summary>The kinds of thing a scope decides on; each answers 404 to a user who does not see it.</summary>
public enum ScopedKind
{
    Agreement,
    Commitment,
    Party,
    Condition,
    Milestone,
    Alert
}
