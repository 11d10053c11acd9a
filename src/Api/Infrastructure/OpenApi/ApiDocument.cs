using System.Net;
using Scalar.AspNetCore;

namespace LoiTracker.Api.Infrastructure.OpenApi;

/// <summary>
/// The contract as served: <c>/openapi/v1.json</c>, shaped by the transformers in this folder from endpoint metadata,
/// and the interactive docs at <c>/docs</c> (Scalar), which call nothing outside this Api.
/// </summary>
public static class ApiDocument
{
    public const string DocsPath = "/docs";

    /// <summary>
    /// The browser may fetch, connect to and load nothing but this origin (and inline or data: content Scalar makes),
    /// whatever a future Scalar release adds: the docs page cannot call out of the machine.
    /// </summary>
    public const string DocsContentSecurityPolicy =
        "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddOperationTransformer<OperationContract>();
            options.AddDocumentTransformer<DocumentInfo>();
            options.AddDocumentTransformer<WireSchemas>();
        });

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(DocsPath))
                context.Response.Headers.ContentSecurityPolicy = DocsContentSecurityPolicy;
            await next(context);
        });
        app.MapScalarApiReference(DocsPath, Docs).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Scalar 2.19 serves its bundle (<c>scalar.js</c>) from this Api; everything that would reach Scalar's own
    /// services is off: the CDN fonts, Agent Scalar (AI chat), MCP, telemetry, "open in API client"
    /// (client.scalar.com) and the developer tools (share, deploy, generate SDK). "Try it" goes to this Api only.
    /// </summary>
    private static void Docs(ScalarOptions options)
    {
        options.WithTitle("LoiTracker API")
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp()
            .HideClientButton()
            .HideDeveloperTools()
            .AddPreferredSecuritySchemes([ProblemComponents.Bearer])
            .AddHeaderContent(
                "<div style=\"padding:.6rem 1rem;font:14px/1.5 system-ui,sans-serif;border-bottom:1px solid #ddd\">" +
                "<strong>Authorize:</strong> every <code>/api</code> operation needs a bearer JWT. Paste one into " +
                "<em>Bearer Token</em> under Authentication. Locally, mint one with " +
                $"<code>{WebUtility.HtmlEncode(SigningIn.LocalCommand)}</code>.</div>");
        options.Telemetry = false;
        options.ProxyUrl = null;
    }
}
