using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace LoiTracker.Api.Calendar;

/// <summary>
/// A credential a user gives a calendar client, which cannot send a bearer token (ADR 20): a document, not an event,
/// because it is a key, not a business fact. Only the SHA-256 of its secret is kept; the secret is shown once. The
/// feed reads as its owner: the roles and identity-provider scope claims the owner had when creating it, and the
/// owner's current scope assignment (ADR 16), which an admin can narrow at any time.
/// </summary>
public sealed class FeedToken
{
    public Guid Id { get; set; }
    /// <summary>The owner: the token subject (<c>sub</c>) of the user who created it.</summary>
    public string Subject { get; set; } = "";
    public string? OwnerName { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Lowercase hex SHA-256 of the secret: what <c>?token=</c> is matched against (unique index).</summary>
    public string Hash { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    /// <summary>The owner's <c>scope_party</c> and <c>scope_agreement</c> claims when it created the token (ADR 16).</summary>
    public List<string> ScopeParties { get; set; } = [];
    public List<string> ScopeAgreements { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public static class FeedTokens
{
    /// <summary>The authentication scheme of <c>?token=</c>, accepted by the calendar feed alone.</summary>
    public const string Scheme = "feed-token";

    public const string Prefix = "ltf_";

    /// <summary>A new secret: 32 random bytes, URL-safe, with a prefix that tells a leaked one apart in logs and scanners.</summary>
    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The token a user creates: its owner, roles and scope claims taken from the signed-in user, never from the body.</summary>
    public static FeedToken For(ClaimsPrincipal user, Guid id, string name, string secret, DateTimeOffset now, string roleClaim) => new()
    {
        Id = id, Subject = user.FindFirstValue("sub")!, OwnerName = user.FindFirstValue("name"), Name = name, Hash = HashOf(secret),
        Roles = [.. user.FindAll(roleClaim).Select(c => c.Value).Distinct()],
        ScopeParties = [.. user.FindAll(Access.ScopeClaims.Party).Select(c => c.Value)],
        ScopeAgreements = [.. user.FindAll(Access.ScopeClaims.Agreement).Select(c => c.Value)],
        CreatedAt = now
    };

    /// <summary>The user a feed token stands for: its owner, with the roles and scope claims it recorded.</summary>
    public static ClaimsPrincipal PrincipalOf(FeedToken token, string roleClaim)
    {
        var identity = new ClaimsIdentity(Scheme, "name", roleClaim);
        identity.AddClaim(new Claim("sub", token.Subject));
        identity.AddClaim(new Claim("name", token.OwnerName ?? token.Subject));
        identity.AddClaim(new Claim("feed_token", token.Id.ToString()));
        foreach (var role in token.Roles) identity.AddClaim(new Claim(roleClaim, role));
        foreach (var party in token.ScopeParties) identity.AddClaim(new Claim(Access.ScopeClaims.Party, party));
        foreach (var agreement in token.ScopeAgreements) identity.AddClaim(new Claim(Access.ScopeClaims.Agreement, agreement));
        return new ClaimsPrincipal(identity);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
