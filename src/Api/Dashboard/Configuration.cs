using System.ComponentModel;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace LoiTracker.Api.Dashboard;

/// <summary>
/// The web dashboard (ADR 22): Razor components rendered on the server, served by the Api at <c>/</c>, signed in with a
/// cookie of its own; every read and every action goes through <c>/api</c> with the user's bearer token, so the pages
/// can do nothing the API would not do for that user. <c>/api</c> stays bearer-only: the cookie never reaches it.
/// </summary>
[Description("The web dashboard for people: the register, agreements and commitments, with forms (ADR 22).")]
public static class Configuration
{
    public const string Scheme = "dashboard";

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "loitracker-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "loitracker-session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/signin";
            options.LogoutPath = "/signout";
            options.AccessDeniedPath = "/signin";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = false;
        });
        services.AddHttpClient<DashboardApi>();
        services.AddHttpContextAccessor();
        return services;
    }

    /// <summary>Static assets, security headers, antiforgery, the sign-in routes and the pages, after the API's pipeline.</summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.MapDashboardSignIn();
        app.MapGet("/register.csv", RegisterExport.Get).RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute
            { AuthenticationSchemes = Scheme }).ExcludeFromDescription();
        app.MapAuditExport();
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>A strict Content-Security-Policy on every page: nothing inline, nothing from elsewhere (issue 13).</summary>
    public static IApplicationBuilder UseDashboardHeaders(this IApplicationBuilder app) => app.UseStaticFiles().Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
                                            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
        }
        await next();
    });
}
