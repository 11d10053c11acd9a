using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace LoiTracker.Api.Auth;

/// <summary>
/// JWT bearer on every /api route (api.md). In production an OpenID Connect authority and audience come from
/// configuration (<c>Auth:Authority</c>, <c>Auth:Audience</c>); locally, tokens are signed with the local key and
/// minted by the <c>token</c> command.
/// </summary>
public static class Authentication
{
    public static IServiceCollection AddLoiTrackerAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            var roleClaim = configuration["Auth:RoleClaim"] ?? "role";
            if (configuration["Auth:Authority"] is { Length: > 0 } authority)
            {
                options.Authority = authority;
                options.Audience = configuration["Auth:Audience"];
                options.TokenValidationParameters = new TokenValidationParameters { NameClaimType = "name", RoleClaimType = roleClaim };
            }
            else
            {
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = SigningKey.Issuer,
                    ValidAudience = SigningKey.Audience,
                    IssuerSigningKey = SigningKey.Load(configuration),
                    NameClaimType = "name",
                    RoleClaimType = roleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30)
                };
            }
        });
        services.AddAuthorization(Can.AddPolicies);
        return services;
    }
}
