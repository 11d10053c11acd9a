using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace LoiTracker.Api.Auth;

/// <summary>
/// JWT bearer on every /api route (api.md), secure by default (docs/adr/0004-authentication-and-roles.md): in
/// production an OpenID Connect authority (https) and audience (<c>Auth:Authority</c>, <c>Auth:Audience</c>), or an
/// explicit random key; locally, tokens signed with the development key and minted by the <c>token</c> command. A
/// misconfiguration stops the start, never a 500 on every request. A token must name its subject (the actor on every
/// event) and may not live longer than <c>Auth:MaxTokenLifetime</c> (12 hours by default).
/// </summary>
public static class Authentication
{
    public static readonly TimeSpan DefaultMaxTokenLifetime = TimeSpan.FromHours(12);

    public static IServiceCollection AddLoiTrackerAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var development = environment.IsDevelopment();
        var roleClaim = configuration["Auth:RoleClaim"] ?? "role";
        var maxLifetime = MaxTokenLifetime(configuration);
        var authority = Authority(configuration, development);
        var key = authority is null ? SigningKey.Load(configuration, development) : null;

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            if (authority is not null)
            {
                options.Authority = authority.ToString();
                options.Audience = configuration["Auth:Audience"];
                options.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    NameClaimType = "name", RoleClaimType = roleClaim, ClockSkew = TimeSpan.FromSeconds(30)
                };
            }
            else
            {
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = SigningKey.Issuer,
                    ValidAudience = SigningKey.Audience,
                    IssuerSigningKey = key,
                    NameClaimType = "name",
                    RoleClaimType = roleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30)
                };
            }
            options.Events = new JwtBearerEvents { OnTokenValidated = context => Accept(context, maxLifetime) };
        });
        services.AddAuthorization(Can.AddPolicies);
        return services;
    }

    /// <summary>The configured authority, checked now: https (http only for a loopback provider in Development) with an audience.</summary>
    private static Uri? Authority(IConfiguration configuration, bool development)
    {
        if (configuration["Auth:Authority"] is not { Length: > 0 } configured) return null;
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var authority))
            throw new InvalidOperationException($"Auth:Authority '{configured}' is not an absolute URL.");
        var loopbackInDevelopment = development && authority.IsLoopback;
        if (authority.Scheme != Uri.UriSchemeHttps && !(loopbackInDevelopment && authority.Scheme == Uri.UriSchemeHttp))
            throw new InvalidOperationException($"Auth:Authority must be an https URL: '{configured}' would expose tokens and keys in transit.");
        if (string.IsNullOrWhiteSpace(configuration["Auth:Audience"]))
            throw new InvalidOperationException("Auth:Audience must name this Api for the authority's tokens (Auth:Authority is set).");
        return authority;
    }

    public static TimeSpan MaxTokenLifetime(IConfiguration configuration) =>
        configuration["Auth:MaxTokenLifetime"] is { Length: > 0 } text && TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span)
            ? span
            : DefaultMaxTokenLifetime;

    /// <summary>Refuses a valid signature on an unusable token: no subject (no actor for the events), or a lifetime beyond the cap.</summary>
    private static Task Accept(TokenValidatedContext context, TimeSpan maxLifetime)
    {
        var principal = context.Principal!;
        if (string.IsNullOrWhiteSpace(principal.FindFirst("sub")?.Value))
        {
            context.Fail("The token names no subject (sub): events could not say who recorded them.");
            return Task.CompletedTask;
        }
        var token = context.SecurityToken;
        // A token without nbf lives from now: the scheme's clock, the one the handler judges expiry by.
        var from = token.ValidFrom == DateTime.MinValue ? (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime : token.ValidFrom;
        if (token.ValidTo - from > maxLifetime)
            context.Fail($"The token lives longer than the {maxLifetime.TotalHours:0.#} hours this Api accepts.");
        return Task.CompletedTask;
    }
}
