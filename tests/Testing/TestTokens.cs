using System.Text;
using LoiTracker.Api.Auth;
using Microsoft.IdentityModel.Tokens;

namespace LoiTracker.Testing;

/// <summary>Tokens as the <c>token</c> command mints them, signed with a key only the test host trusts.</summary>
public static class TestTokens
{
    public const string SigningKey = "test-signing-key-for-the-loitracker-test-host-only";

    public static string For(string role, string? name = null) =>
        TokenCommand.Mint(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)) { KeyId = "local" },
            subject: $"{role}-user", name: name ?? $"{char.ToUpperInvariant(role[0])}{role[1..]} User", [role], TimeSpan.FromHours(1));

    /// <summary>A user limited by its identity provider's claims to <paramref name="parties"/> and <paramref name="agreements"/> (ADR 16).</summary>
    public static string Scoped(string role, string subject, IEnumerable<Guid>? parties = null, IEnumerable<Guid>? agreements = null) =>
        TokenCommand.Mint(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)) { KeyId = "local" },
            subject, $"Scoped {role}", [role], TimeSpan.FromHours(1), parties, agreements);

    /// <summary>A well-formed token signed with another key: the Api must not trust it.</summary>
    public static string Forged(string role) =>
        TokenCommand.Mint(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("some-other-key-that-nobody-configured-anywhere")) { KeyId = "local" },
            $"{role}-user", "Mallory", [role], TimeSpan.FromHours(1));
}
