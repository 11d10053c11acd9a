using LoiTracker.Api.Dashboard;
using FluentValidation;
using LoiTracker.Api.Health;
using LoiTracker.Api.Infrastructure.OpenApi;
using Wolverine.Http;

namespace LoiTracker.Api.Infrastructure;

/// <summary>The HTTP side: JSON, problems, validation, OpenAPI at /openapi/v1.json and its interactive docs at /docs.</summary>
public static class Http
{
    public static IServiceCollection AddLoiTrackerHttp(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => Json.Configure(options.SerializerOptions));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.Customize);
        services.AddExceptionHandler<Problems>();
        // Concrete registrations: Wolverine builds each endpoint's validator without service location.
        services.AddValidatorsFromAssemblyContaining<Problems>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddApiDocument();
        services.AddHealth();
        services.AddWolverineHttp();
        services.AddDashboard();
        return services;
    }

    public static WebApplication UseLoiTrackerHttp(this WebApplication app)
    {
        // Problems logs what it handles (a refusal: one information line; a failure: one error with its exception), so the
        // middleware's own error-level trace of every expected 409 or 422 is left out.
        app.UseExceptionHandler(new ExceptionHandlerOptions { SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimit>();
        app.UseDashboardHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<QueryParameters>();
        // After the role check (a role that may not act gets 403 whatever it names), before the endpoint (ADR 16).
        app.UseMiddleware<Access.ScopeGate>();

        app.MapApiDocument();
        app.MapHealth();
        app.MapWolverineEndpoints(options =>
        {
            // Every Wolverine endpoint needs a signed-in user; each names the action its role must allow.
            options.RequireAuthorizeOnAll();
            options.RejectUnparseableQueryValues = true;
            options.AddPolicy<RequestValidationPolicy>();
        });
        app.UseDashboard();
        return app;
    }
}
