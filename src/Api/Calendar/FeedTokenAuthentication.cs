using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LoiTracker.Api.Calendar;

/// <summary>
/// Signs a calendar client in by the <c>?token=</c> of its subscription URL (api.md: calendar clients cannot send
/// headers). Only the calendar feed names this scheme; with no <c>token</c> it says nothing and the bearer token decides.
/// A token that is unknown or revoked fails: 401, as for a bad bearer token.
/// </summary>
public sealed class FeedTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDocumentStore store, IConfiguration configuration) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Query.TryGetValue("token", out var given) || given.Count != 1 || string.IsNullOrEmpty(given[0])) return AuthenticateResult.NoResult();
        var secret = given[0]!;
        if (!secret.StartsWith(FeedTokens.Prefix, StringComparison.Ordinal) || secret.Length > 100)
            return AuthenticateResult.Fail("Not a feed token.");

        var hash = FeedTokens.HashOf(secret);
        await using var session = store.QuerySession();
        var token = await session.Query<FeedToken>().Where(t => t.Hash == hash).SingleOrDefaultAsync(Context.RequestAborted);
        if (token is null || token.RevokedAt is not null) return AuthenticateResult.Fail("The feed token is unknown or was revoked.");
        var principal = FeedTokens.PrincipalOf(token, configuration["Auth:RoleClaim"] ?? "role");
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }
}
