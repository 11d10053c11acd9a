using LoiTracker.Domain.Agreements;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Reading;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;

namespace LoiTracker.Api.Calendar;

public static class CalendarFeedEndpoint
{
    /// <summary>The bearer token, or the feed token of a calendar client's subscription URL (api.md).</summary>
    public const string Schemes = JwtBearerDefaults.AuthenticationScheme + "," + FeedTokens.Scheme;

    /// <summary>
    /// Milestones and key dates as an RFC 5545 feed a calendar subscribes to (ADR 20): one all-day event per dated
    /// milestone and per key date, with a UID that never changes, a SEQUENCE raised by every reschedule, reminders at the
    /// alert lead times, and a link back. <c>party</c>: a party to the commitment or the agreement; <c>workstream</c>:
    /// the commitments of that workstream and their agreements' key dates; <c>agreement</c>: one agreement.
    /// Signed in by a bearer token or by <c>?token=</c> (a feed token, read as its owner with the owner's scope, ADR 16).
    /// </summary>
    [WolverineGet("/api/calendar.ics"), Authorize(Policy = Can.Read, AuthenticationSchemes = Schemes)]
    [Access.Scoped("the milestones of the commitments and the key dates of the agreements the user (the feed token's owner) sees")]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/calendar")]
    public static async Task<IResult> Get(Guid? party, string? workstream, Guid? agreement, string? token, IQuerySession session,
        Access.Visibility visibility, Access.ReadLog reads, TimeProvider clock, HttpContext context, IConfiguration configuration)
    {
        var cancellation = context.RequestAborted;
        var now = clock.GetUtcNow();
        workstream = string.IsNullOrWhiteSpace(workstream) ? null : workstream.Trim();

        // Commitments by the agreement and workstream indexes and the parties' GIN containment, narrowed to what the user sees.
        var commitmentQuery = session.Query<CommitmentView>().AsQueryable();
        if (agreement is { } agreementId) commitmentQuery = commitmentQuery.Where(c => c.AgreementId == agreementId);
        if (workstream is not null) commitmentQuery = commitmentQuery.Where(c => c.Workstream == workstream);
        if (party is { } partyId) commitmentQuery = commitmentQuery.Where(c => c.Parties.Contains(partyId));
        var commitments = (await (await visibility.Only(commitmentQuery)).ToListAsync(cancellation)).ToDictionary(c => c.Id);

        // Their milestones by the commitment index, resolved as they stand now from the inline views (read-your-writes).
        var ids = commitments.Keys.ToArray();
        var milestoneViews = ids.Length == 0 ? [] : await session.Query<MilestoneView>().Where(m => m.CommitmentId.IsOneOf(ids)).ToListAsync(cancellation);
        var milestones = await Schedules.Resolve(session, [.. milestoneViews], now, cancellation, commitments);

        // Agreements with key dates: the one asked for, a party's (containment), a workstream's (those of its commitments), or all seen.
        var agreementQuery = session.Query<AgreementView>().AsQueryable();
        if (agreement is { } onlyAgreement) agreementQuery = agreementQuery.Where(a => a.Id == onlyAgreement);
        if (party is { } onAgreement)
            agreementQuery = agreementQuery.Where(a => a.MatchesSql("d.data @> ?::jsonb", $$"""{"parties":[{"partyId":"{{onAgreement}}"}]}"""));
        if (workstream is not null)
        {
            var ofWorkstream = commitments.Values.Select(c => c.AgreementId).Distinct().ToArray();
            agreementQuery = agreementQuery.Where(a => a.Id.IsOneOf(ofWorkstream));
        }
        var agreements = (await (await visibility.Only(agreementQuery)).ToListAsync(cancellation)).ToDictionary(a => a.Id);
        var titlesWanted = commitments.Values.Select(c => c.AgreementId).Where(id => !agreements.ContainsKey(id)).Distinct().ToArray();
        var titles = agreements.Values.Concat(titlesWanted.Length == 0 ? [] : await session.LoadManyAsync<AgreementView>(cancellation, titlesWanted))
            .ToDictionary(a => a.Id);

        var feed = new CalendarFeed(BaseUrl(context, configuration), now);
        foreach (var m in milestones.Where(m => m.DueOn is not null).OrderBy(m => m.DueOn).ThenBy(m => m.Id))
        {
            var commitment = commitments[m.CommitmentId];
            feed.Add(m, commitment, titles.GetValueOrDefault(commitment.AgreementId));
        }
        foreach (var a in agreements.Values.OrderBy(a => a.Id))
        foreach (var keyDate in a.KeyDates)
            feed.Add(keyDate, a);

        if (feed.Count > Access.ReadLog.BulkRows) await reads.Record(Access.ReadLog.Bulk, feed.Count, cancellation);
        // The URL may carry a credential: no shared cache keeps the answer.
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.Text(feed.Serialize(), "text/calendar; charset=utf-8");
    }

    /// <summary>Where links in the feed point: <c>Calendar:BaseUrl</c> when configured, otherwise the address this request came to.</summary>
    public static string BaseUrl(HttpContext context, IConfiguration configuration) =>
        (configuration["Calendar:BaseUrl"] is { Length: > 0 } configured
            ? configured
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}").TrimEnd('/');

    /// <summary>The URL a calendar client subscribes to with a feed token's secret; none without the secret.</summary>
    public static string? SubscriptionUrl(HttpContext context, IConfiguration configuration, string? secret) =>
        secret is null ? null : $"{BaseUrl(context, configuration)}/api/calendar.ics?token={Uri.EscapeDataString(secret)}";
}
