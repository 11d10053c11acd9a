namespace LoiTracker.Api.Infrastructure.OpenApi;

/// <summary>How a reader of the document or of /docs gets a token: said once, shown in the document and on the docs page.</summary>
public static class SigningIn
{
    public const string LocalCommand = "dotnet run --project src/Api -- token --name \"Ada Legal\" --role legal";

    public static string HowTo =>
        "Every `/api` operation needs a bearer JWT: `Authorization: Bearer <token>`. Health (`/health/live`, `/health/ready`) " +
        "and this document are open. In production the token comes from the organisation's OpenID Connect provider. " +
        $"Locally, the Api's own command line mints one for the local signing key: `{LocalCommand}` " +
        $"(roles: {string.Join(", ", Roles.All)}); paste it into Bearer Token under Authentication on /docs.";
}
