using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.Tokens;

namespace LoiTracker.Api.Auth;

/// <summary>
/// <c>dotnet run --project src/Api -- token --name "Ada Legal" --role legal</c> prints a JWT for the local signing key.
/// Options: <c>--role</c> (repeatable, or comma-separated), <c>--subject</c> (defaults to the name, slugged),
/// <c>--hours</c> (default 12), and a scope (ADR 16): <c>--party</c> (an id, or a registered party's exact name, looked
/// up in the database) and <c>--agreement</c> (an id), each repeatable, carried as <c>scope_party</c> and
/// <c>scope_agreement</c> claims.
/// </summary>
public static partial class TokenCommand
{
    public static int Run(string[] args, IConfiguration configuration, IHostEnvironment environment)
    {
        string? name = null, subject = null;
        var roles = new List<string>();
        var parties = new List<string>();
        var agreements = new List<string>();
        var hours = 12.0;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--name": name = value; i++; break;
                case "--role": roles.AddRange((value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); i++; break;
                case "--subject": subject = value; i++; break;
                case "--party": parties.Add(value ?? ""); i++; break;
                case "--agreement": agreements.Add(value ?? ""); i++; break;
                case "--hours": hours = double.Parse(value ?? "12", System.Globalization.CultureInfo.InvariantCulture); i++; break;
                default: return Usage($"unknown option {args[i]}");
            }
        }
        if (string.IsNullOrWhiteSpace(name)) return Usage("--name is required");
        if (roles.Count == 0) return Usage("--role is required");
        if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown) return Usage($"unknown role '{unknown}'");
        var maximum = Authentication.MaxTokenLifetime(configuration);
        if (hours <= 0 || TimeSpan.FromHours(hours) > maximum) return Usage($"--hours must be more than 0 and at most {maximum.TotalHours:0.#}");

        if (agreements.FirstOrDefault(a => !Guid.TryParse(a, out _)) is { } notAnId) return Usage($"--agreement takes an agreement's id, not '{notAnId}'");

        try
        {
            var partyIds = parties.Select(p => Guid.TryParse(p, out var id) ? id : ScopeLookup.PartyNamed(configuration, p)).ToList();
            Console.WriteLine(Mint(SigningKey.Load(configuration, environment.IsDevelopment()), subject ?? Slug(name), name, roles, TimeSpan.FromHours(hours),
                partyIds, agreements.Select(Guid.Parse).ToList()));
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"token: {e.Message}");
            return 2;
        }
    }

    public static string Mint(SecurityKey key, string subject, string name, IEnumerable<string> roles, TimeSpan lifetime,
        IEnumerable<Guid>? scopeParties = null, IEnumerable<Guid>? scopeAgreements = null)
    {
        var claims = new List<Claim> { new("sub", subject), new("name", name) };
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        claims.AddRange((scopeParties ?? []).Select(p => new Claim(Access.ScopeClaims.Party, p.ToString())));
        claims.AddRange((scopeAgreements ?? []).Select(a => new Claim(Access.ScopeClaims.Agreement, a.ToString())));
        var now = DateTime.UtcNow;
        var token = new JwtSecurityToken(SigningKey.Issuer, SigningKey.Audience, claims, now, now.Add(lifetime),
            new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    private static string Slug(string name) => NonWord().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-');

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"token: {problem}");
        Console.Error.WriteLine("usage: token --name \"Ada Legal\" --role legal [--role viewer] [--subject ada] [--hours 12] " +
                                "[--party <id or exact name>]... [--agreement <id>]...");
        Console.Error.WriteLine($"roles: {string.Join(", ", Roles.All)}");
        return 2;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
