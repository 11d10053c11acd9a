using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace LoiTracker.Api.Dashboard;

/// <summary>
/// Signing in to the dashboard (ADR 22). In Development, a sign-in that picks a user, a role and optionally a party
/// scope, and mints the user's API token with the local signing key, as the <c>token</c> command does; it does not exist
/// in any other environment. Elsewhere the sign-in is the OpenID Connect authority the API trusts (not built yet: the
/// page says so). Signing out ends the cookie session.
/// </summary>
public static partial class DashboardSignIn
{
    public static void MapDashboardSignIn(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
            app.MapPost("/signin", (Delegate)SignIn).ExcludeFromDescription();
        app.MapPost("/signout", (Delegate)SignOut).ExcludeFromDescription();
    }

    private static async Task<IResult> SignIn([FromForm] string? name, [FromForm] string? role, [FromForm] string? party, [FromForm] string? returnUrl,
        HttpContext context, IConfiguration configuration, IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(name) || role is null || !Roles.All.Contains(role))
            return Results.Redirect("/signin?error=Choose%20a%20name%20and%20a%20role");
        var scope = Guid.TryParse(party, out var partyId) ? new[] { partyId } : [];
        var subject = "ui-" + NonWord().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-');
        var token = TokenCommand.Mint(SigningKey.Load(configuration, environment.IsDevelopment()), subject, name.Trim(), [role],
            TimeSpan.FromHours(8), scope, null);
        var claims = new List<Claim> { new("sub", subject), new("name", name.Trim()), new("role", role), new(DashboardApi.TokenClaim, token) };
        claims.AddRange(scope.Select(p => new Claim(Access.ScopeClaims.Party, p.ToString())));
        await context.SignInAsync(Configuration.Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Configuration.Scheme, "name", "role")));
        return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") ? returnUrl : "/");
    }

    private static async Task<IResult> SignOut(HttpContext context)
    {
        await context.SignOutAsync(Configuration.Scheme);
        return Results.LocalRedirect("/signin");
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}

/// <summary>The register as CSV for a browser: the API's export, streamed through with the user's token.</summary>
public static class RegisterExport
{
    public static async Task Get(HttpContext context, DashboardApi api)
    {
        using var answer = await api.Stream($"/api/commitments/export.csv{context.Request.QueryString}", context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString() ?? "text/plain";
        if (answer.Content.Headers.ContentDisposition is { } disposition) context.Response.Headers.ContentDisposition = disposition.ToString();
        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
