using System.Reflection;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Metadata;

namespace LoiTracker.Api.Calendar;

/// <summary>
/// A user creates a feed token for a calendar client (Outlook, Google, Apple), named so it can tell them apart later:
/// the answer carries the secret, once; only its hash is stored (ADR 20).
/// </summary>
public sealed record CreateFeedToken(string? Name)
{
    /// <summary>Live tokens a user may hold: one per calendar client is the use, a few dozen is already a leak waiting.</summary>
    public const int MaxLive = 20;

    public sealed class Validator : AbstractValidator<CreateFeedToken>
    {
        public Validator() => RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
    }
}

/// <summary>201: the token's id, name and creation, and the secret to put in the subscription URL (<c>?token=</c>).</summary>
public sealed record IssuedFeedToken(Guid Id, string Name, string? Token, DateTimeOffset CreatedAt, string? FeedUrl) : IHttpAware
{
    public void Apply(HttpContext context)
    {
        context.Response.Headers.Location = "/api/me/feed-tokens";
        context.Response.StatusCode = StatusCodes.Status201Created;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(IssuedFeedToken), ["application/json"]));
}

/// <summary>What the write path keeps as the answer of an <c>Idempotency-Key</c>: everything but the secret.</summary>
public sealed record FeedTokenCreated(Guid Id, string Name, DateTimeOffset CreatedAt);

public static class CreateFeedTokenEndpoint
{
    [WolverinePost("/api/me/feed-tokens"), Authorize(Policy = Can.OwnFeedTokens)]
    [Access.Scoped("the user's own feed tokens: no deal data; the feed then reads with the owner's scope")]
    public static async Task<IssuedFeedToken> Post(CreateFeedToken command, Writes writes, HttpContext context, TimeProvider clock,
        IConfiguration configuration)
    {
        var user = context.User;
        var subject = user.FindFirstValue("sub")!;
        var id = Ids.New();
        var secret = FeedTokens.NewSecret();
        var created = await writes.Batch(command, async (session, _) =>
        {
            var live = await session.Query<FeedToken>().CountAsync(t => t.Subject == subject && t.RevokedAt == null, context.RequestAborted);
            if (live >= CreateFeedToken.MaxLive)
                throw new RuleViolation("feed-token-limit",
                    $"You already hold {CreateFeedToken.MaxLive} live feed tokens: revoke one you no longer use before creating another");
            var token = FeedTokens.For(user, id, command.Name!.Trim(), secret, clock.GetUtcNow(), configuration["Auth:RoleClaim"] ?? "role");
            session.Insert(token);
            return new Attempt<FeedTokenCreated>(new FeedTokenCreated(token.Id, token.Name, token.CreatedAt));
        });
        // A retry with the same Idempotency-Key answers the first token again, without its secret: it was shown once and
        // never stored (ADR 20). A client that lost it revokes that token and creates another.
        var shown = created.Id == id ? secret : null;
        return new IssuedFeedToken(created.Id, created.Name, shown, created.CreatedAt, CalendarFeedEndpoint.SubscriptionUrl(context, configuration, shown));
    }
}
