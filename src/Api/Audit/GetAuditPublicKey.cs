using LoiTracker.Domain.Audit;
using Microsoft.AspNetCore.Mvc;

namespace LoiTracker.Api.Audit;

/// <summary>
/// The key that checks the audit trail's seals, and what its signatures are made over (<c>statement</c>): an auditor
/// compares its id with the one the organisation recorded when it set the key up (ADR 28), and <c>/api/audit/verify</c>
/// checks every seal against it.
/// </summary>
public sealed record AuditPublicKey(string KeyId, string Algorithm, string PublicKey, string Statement, string SignatureFormat);

public static class GetAuditPublicKeyEndpoint
{
    /// <summary>The public half of the sealing key (ADR 28); 404 when none is configured, since the seals are then unsigned.</summary>
    [WolverineGet("/api/audit/public-key"), Authorize(Policy = Can.Audit)]
    [Access.Scoped("the key that checks the seals: it holds no deal data")]
    [ProducesResponseType(typeof(AuditPublicKey), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static IResult Get(Sealing sealing) =>
        sealing.Key is { } key
            ? Results.Ok(new AuditPublicKey(key.KeyId, SealingKey.Algorithm, key.PublicKeyPem, Seals.StatementFormat,
                "ECDSA P-256 over the statement's UTF-8 bytes with SHA-256, r and s as 32 bytes each (IEEE P1363)"))
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No sealing key is configured",
                detail: "The audit trail's seals carry their digests only (Audit:SealingKey is not set): there is no key to check them with.");
}
