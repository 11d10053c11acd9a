using System.Security.Claims;

namespace LoiTracker.Api.Calendar;

/// <summary>A feed token as its owner lists it: never its secret nor its hash.</summary>
public sealed record FeedTokenRow(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public static class ListFeedTokensEndpoint
{
    /// <summary>The user's own feed tokens, newest first, revoked ones included (with when): which calendar still reads as it.</summary>
    [WolverineGet("/api/me/feed-tokens"), Authorize(Policy = Can.OwnFeedTokens)]
    [Access.Scoped("the user's own feed tokens: no deal data")]
    public static async Task<PageOf<FeedTokenRow>> Get(int? page, int? pageSize, IQuerySession session, HttpContext context, CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        var subject = context.User.FindFirstValue("sub")!;
        var results = await Pages.PageAsync(() => session.Query<FeedToken>().Where(t => t.Subject == subject)
            .OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id), paging, token);
        return new PageOf<FeedTokenRow>([.. results.Items.Select(Row)], results.Total, paging.Page, paging.PageSize);
    }

    public static FeedTokenRow Row(FeedToken t) => new(t.Id, t.Name, t.CreatedAt, t.RevokedAt);
}
