using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace LoiTracker.Api.Auth;

/// <summary>
/// The local signing key (docs/adr/0004-authentication-and-roles.md). <c>Auth:SigningKey</c> wins. Only in
/// Development may the key come from a file outside the repository (<c>Auth:SigningKeyFile</c>, by default
/// <c>~/.loitracker/dev-signing.key</c>), created on first use, so the <c>token</c> command and the Api agree.
/// Outside Development a key must be configured, at least 32 bytes, random-looking and not a known placeholder.
/// </summary>
public static class SigningKey
{
    public const string Issuer = "loitracker-local";
    public const string Audience = "loitracker";
    public const int MinimumBytes = 32;

    // Strings that were shipped as examples somewhere, or read like one: anyone who read them could mint a token.
    private static readonly string[] Placeholders =
        ["change-me", "changeme", "replace-me", "placeholder", "example", "your-", "secret-key", "signing-key-here", "0123456789", "xxxxxxxx"];

    public static SymmetricSecurityKey Load(IConfiguration configuration, bool development)
    {
        var configured = configuration["Auth:SigningKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!development && Weakness(configured) is { } weakness)
                throw new InvalidOperationException($"Auth:SigningKey is not usable outside Development: {weakness}. " +
                                                    "Configure a key of at least 32 random bytes (openssl rand -base64 48), or an OpenID Connect authority.");
            return FromText(configured);
        }
        if (!development)
            throw new InvalidOperationException("No way to check tokens is configured. Outside Development, set Auth:Authority (https) and " +
                                                "Auth:Audience for an OpenID Connect provider, or Auth:SigningKey (at least 32 random bytes).");
        return FromText(DevelopmentKey(configuration));
    }

    /// <summary>Why a configured key would let someone guess it, or null when it looks like what <c>openssl rand</c> gives.</summary>
    public static string? Weakness(string key)
    {
        var bytes = Bytes(key);
        if (bytes.Length < MinimumBytes) return $"it is {bytes.Length} bytes long, fewer than {MinimumBytes}";
        if (Placeholders.Any(p => key.Contains(p, StringComparison.OrdinalIgnoreCase))) return "it is a known placeholder";
        // Random bytes of this length use most of the alphabet they are written in; a sentence or a repeated pattern does not.
        if (key.Distinct().Count() < 16 || key.Split(['-', '_', ' ']).Count(w => w.Length >= 3 && w.All(char.IsLetter)) >= 3)
            return "it reads like words or a pattern, not random bytes";
        return null;
    }

    private static string DevelopmentKey(IConfiguration configuration) =>
        DevelopmentFiles.ReadOrCreate(
            configuration["Auth:SigningKeyFile"] is { Length: > 0 } file ? file : Path.Combine(DevelopmentFiles.Folder, "dev-signing.key"),
            () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes))).Trim();

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static SymmetricSecurityKey FromText(string text)
    {
        var bytes = Bytes(text);
        if (bytes.Length < MinimumBytes) throw new InvalidOperationException($"Auth:SigningKey must be at least {MinimumBytes} bytes long.");
        return new SymmetricSecurityKey(bytes) { KeyId = "local" };
    }
}
