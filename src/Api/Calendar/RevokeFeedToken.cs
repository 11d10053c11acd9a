using System.Security.Claims;

namespace LoiTracker.Api.Calendar;

/// <summary>A user revokes one of its feed tokens: the calendar subscribed with it gets 401 from the next refresh on.</summary>
public sealed record RevokeFeedToken(Guid Id);

public static class RevokeFeedTokenEndpoint
{
    /// <summary>Revokes the token (again is harmless: the first revocation's time stands). Another user's token answers 404, as an unknown one.</summary>
    [WolverineDelete("/api/me/feed-tokens/{id}"), Authorize(Policy = Can.OwnFeedTokens)]
    [Access.Scoped("the user's own feed tokens only: another user's answers 404")]
    public static async Task<FeedTokenRow> Delete(Guid id, Writes writes, HttpContext context, TimeProvider clock)
    {
        var subject = context.User.FindFirstValue("sub")!;
        return await writes.Batch(new RevokeFeedToken(id), async (session, _) =>
        {
            var token = await session.LoadAsync<FeedToken>(id, context.RequestAborted);
            if (token is null || token.Subject != subject) throw new NotFound("Feed token", id);
            if (token.RevokedAt is not null) return new Attempt<FeedTokenRow>(ListFeedTokensEndpoint.Row(token)) { Writes = false };
            token.RevokedAt = clock.GetUtcNow();
            session.Update(token);
            return new Attempt<FeedTokenRow>(ListFeedTokensEndpoint.Row(token));
        });
    }
}
