using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Reading;
using Marten.Pagination;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Agreements;

public static class ListAgreementsEndpoint
{
    /// <summary>Agreements, newest first; <c>party</c> finds those a party is on, <c>status</c> includes the derived <c>Expired</c>.</summary>
    [WolverineGet("/api/agreements"), Authorize(Policy = Can.Read)]
    [Access.Scoped("the agreements the user sees (Visibility.Page)")]
    public static async Task<PageOf<AgreementSummary>> Get(Guid? party, [OneOf(typeof(AgreementStatuses))] string? status,
        [OneOf(typeof(AgreementKind))] string? kind, int? page, int? pageSize,
        IQuerySession session, Access.Visibility visibility, TimeProvider clock, CancellationToken token)
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

        var results = await visibility.Page(() => query.OrderByDescending(a => a.DraftedAt).ThenByDescending(a => a.Id), paging, token);
        var parties = await References.Parties(session, results.Items.SelectMany(a => a.Parties.Select(p => p.PartyId)), token);
        return new PageOf<AgreementSummary>(
            [.. results.Items.Select(a => new AgreementSummary(a.Id, a.Version, a.Title, a.Kind, AgreementReading.StatusOf(a, now),
                AgreementReading.PartiesOn(a, parties), a.SignedOn, a.EffectiveOn, a.ExpiresOn, a.DraftedAt, a.LastChange))],
            results.Total, paging.Page, paging.PageSize);
    }
}
