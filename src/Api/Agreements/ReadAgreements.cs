using System.Security.Claims;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Common;
using LoiTracker.Projections.Parties;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Agreements;

/// <summary>The status a reader sees: the recorded lifecycle, or <c>Expired</c> once the expiry key date has passed.</summary>
public static class AgreementStatuses
{
    public const string Expired = "Expired";

    public static string Of(AgreementView view, DateTimeOffset now) =>
        view.Status is AgreementStatus.Signed or AgreementStatus.Amended && view.ExpiresAt <= now ? Expired : view.Status.ToString();

    public static readonly string[] All = [.. Enum.GetNames<AgreementStatus>(), Expired];
}

public sealed record PartyOnAgreement(Guid PartyId, string Name, string? Group, PartyRole Role, Signature? Signature);

public sealed record ProvisionInForce(string Ref, string Heading, string Text, bool Binding, bool Survives, bool InForce,
    ProvisionAmends? Amends);

public sealed record KeyDateView(KeyDateKind Kind, DateOnly Date, string? Note, DateTimeOffset FallsDueAt, bool Passed);

public sealed record AgreementLink(Guid Id, string Title, AgreementKind Kind, string Status);

public sealed record Lineage(AgreementLink? Parent, IReadOnlyList<AgreementLink> Amendments, IReadOnlyList<AgreementLink> Children,
    IReadOnlyList<AgreementLink> Supersedes, IReadOnlyList<AgreementLink> SupersededBy);

public sealed record AgreementDetails(
    Guid Id, long Version, string Title, AgreementKind Kind, string Status, AgreementStatus RecordedStatus,
    string? Summary, string? Place, string TimeZone, string? GoverningLaw, Source? Source,
    IReadOnlyList<PartyOnAgreement> Parties, IReadOnlyList<ProvisionInForce> Provisions, IReadOnlyList<KeyDateView> KeyDates,
    IReadOnlyList<Signature> Signatures, DateOnly? SignedOn, DateOnly? EffectiveOn, DateOnly? ExpiresOn,
    IReadOnlyList<AppliedAmendment> AppliedAmendments, Ending? Ended, IReadOnlyList<NoteView> Notes,
    IReadOnlyDictionary<string, int> CommitmentCounts, Lineage Lineage, DateTimeOffset DraftedAt, string? DraftedBy,
    LastChange? LastChange);

public sealed record AgreementSummary(
    Guid Id, long Version, string Title, AgreementKind Kind, string Status, IReadOnlyList<PartyOnAgreement> Parties,
    DateOnly? SignedOn, DateOnly? EffectiveOn, DateOnly? ExpiresOn, DateTimeOffset DraftedAt, LastChange? LastChange);

public static class ReadAgreementsEndpoint
{
    [WolverineGet("/api/agreements/{id}"), Authorize(Policy = Can.Read)]
    public static async Task<AgreementDetails> Get(Guid id, IQuerySession session, TimeProvider clock, ClaimsPrincipal user,
        CancellationToken token)
    {
        var batch = session.CreateBatchQuery();
        var viewing = batch.Load<AgreementView>(id);
        var children = batch.Query<AgreementView>().Where(a => a.ParentAgreementId == id).ToList();
        var predecessors = batch.Query<AgreementView>().Where(a => a.SupersededBy.Contains(id)).ToList();
        var commitmentStatuses = batch.Query<CommitmentView>().Where(c => c.AgreementId == id).Select(c => c.Status).ToList();
        await batch.Execute(token);

        var view = await viewing ?? throw new NotFound("Agreement", id);
        var now = clock.GetUtcNow();
        var related = await session.LoadManyAsync<AgreementView>(token,
            [.. view.SupersededBy, .. view.ParentAgreementId is { } p ? [p] : Array.Empty<Guid>()]);
        var parties = await PartiesOf(session, [view], token);
        var privileged = user.May(Can.ReadPrivilegedNotes);

        AgreementLink Link(AgreementView a) => new(a.Id, a.Title, a.Kind, AgreementStatuses.Of(a, now));
        var kids = await children;
        var lineage = new Lineage(
            related.FirstOrDefault(a => a.Id == view.ParentAgreementId) is { } parent ? Link(parent) : null,
            [.. kids.Where(a => a.Kind == AgreementKind.Amendment).Select(Link)],
            [.. kids.Where(a => a.Kind != AgreementKind.Amendment).Select(Link)],
            [.. (await predecessors).Select(Link)],
            [.. related.Where(a => view.SupersededBy.Contains(a.Id)).Select(Link)]);

        // After supersession or termination only surviving provisions stay in force.
        var ended = view.Status is AgreementStatus.Superseded or AgreementStatus.Terminated or AgreementStatus.Abandoned;
        var notSignedYet = view.Status == AgreementStatus.Draft;
        return new AgreementDetails(view.Id, view.Version, view.Title, view.Kind, AgreementStatuses.Of(view, now), view.Status,
            view.Summary, view.Place, view.TimeZone, view.GoverningLaw, view.Source,
            PartiesOn(view, parties),
            [.. view.Provisions.Select(p => new ProvisionInForce(p.Ref, p.Heading, p.Text, p.Binding, p.Survives,
                !notSignedYet && (!ended || (p.Survives && view.Status != AgreementStatus.Abandoned)), p.Amends))],
            [.. view.KeyDates.Select(k => KeyDateOf(k, view.TimeZone, now))],
            view.Signatures, view.SignedOn, view.EffectiveOn, view.ExpiresOn, view.Amendments, view.Ended,
            [.. view.Notes.Where(n => privileged || !n.Privileged)],
            (await commitmentStatuses).GroupBy(s => s.ToString()).ToDictionary(g => g.Key, g => g.Count()), lineage, view.DraftedAt, view.DraftedBy, view.LastChange);
    }

    /// <summary>Agreements, newest first; <c>party</c> finds those a party is on, <c>status</c> includes the derived <c>Expired</c>.</summary>
    [WolverineGet("/api/agreements"), Authorize(Policy = Can.Read)]
    public static async Task<PageOf<AgreementSummary>> List(Guid? party, string? status, string? kind, int? page, int? pageSize,
        IQuerySession session, TimeProvider clock, CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        var errors = new Dictionary<string, string[]>();
        var now = clock.GetUtcNow();
        var query = session.Query<AgreementView>().AsQueryable();

        if (party is { } partyId) query = query.Where(a => a.Parties.Any(p => p.PartyId == partyId));
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Enum.TryParse<AgreementKind>(kind, ignoreCase: true, out var k)) query = query.Where(a => a.Kind == k);
            else errors["kind"] = [$"Use one of: {string.Join(", ", Enum.GetNames<AgreementKind>())}."];
        }
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (string.Equals(status, AgreementStatuses.Expired, StringComparison.OrdinalIgnoreCase))
                query = query.Where(a => (a.Status == AgreementStatus.Signed || a.Status == AgreementStatus.Amended) && a.ExpiresAt <= now);
            else if (Enum.TryParse<AgreementStatus>(status, ignoreCase: true, out var s))
                query = s is AgreementStatus.Signed or AgreementStatus.Amended
                    ? query.Where(a => a.Status == s && (a.ExpiresAt == null || a.ExpiresAt > now))
                    : query.Where(a => a.Status == s);
            else errors["status"] = [$"Use one of: {string.Join(", ", AgreementStatuses.All)}."];
        }
        if (errors.Count > 0) throw new InvalidRequest(errors);

        var results = await query.OrderByDescending(a => a.DraftedAt).ToPagedListAsync(paging.Page, paging.PageSize, token);
        var parties = await PartiesOf(session, results, token);
        return new PageOf<AgreementSummary>(
            [.. results.Select(a => new AgreementSummary(a.Id, a.Version, a.Title, a.Kind, AgreementStatuses.Of(a, now),
                PartiesOn(a, parties), a.SignedOn, a.EffectiveOn, a.ExpiresOn, a.DraftedAt, a.LastChange))],
            results.TotalItemCount, paging.Page, paging.PageSize);
    }

    private static KeyDateView KeyDateOf(KeyDate k, string timeZone, DateTimeOffset now)
    {
        var due = BusinessCalendar.FallsDueAt(k.Date, timeZone);
        return new KeyDateView(k.Kind, k.Date, k.Note, due, due <= now);
    }

    // Party names are read when the agreement is read, so a renamed party shows its current name everywhere.
    private static async Task<IReadOnlyDictionary<Guid, PartyView>> PartiesOf(IQuerySession session,
        IEnumerable<AgreementView> agreements, CancellationToken token)
    {
        var ids = agreements.SelectMany(a => a.Parties.Select(p => p.PartyId)).Distinct().ToArray();
        return ids.Length == 0 ? new Dictionary<Guid, PartyView>() : (await session.LoadManyAsync<PartyView>(token, ids)).ToDictionary(p => p.Id);
    }

    private static List<PartyOnAgreement> PartiesOn(AgreementView view, IReadOnlyDictionary<Guid, PartyView> parties) =>
        [.. view.Parties.Select(p => new PartyOnAgreement(p.PartyId,
            parties.TryGetValue(p.PartyId, out var party) ? party.Name : "(unknown party)", party?.Group, p.Role,
            view.Signatures.FirstOrDefault(s => s.PartyId == p.PartyId)))];
}
