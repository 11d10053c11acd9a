using Scalar.AspNetCore;

namespace LoiTracker.Api.Infrastructure.OpenApi;

/// <summary>
/// The contract as served: <c>/openapi/v1.json</c>, shaped by the transformers in this folder from endpoint metadata,
/// and the interactive docs at <c>/docs</c> (Scalar).
/// </summary>
public static class ApiDocument
{
    public const string DocsPath = "/docs";

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
        app.MapScalarApiReference(DocsPath).AllowAnonymous();
        return app;
    }
}
