using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// A claimed <c>Idempotency-Key</c> (api.md, conventions): the answer the first request with it got, kept for
/// <see cref="Idempotency.Retention"/> per user (the token's subject). Inserted in the same transaction as the events
/// it answers for, so a key is claimed exactly when the write committed; a second claim of the key cannot commit.
/// </summary>
public sealed class IdempotencyRecord
{
    public string Id { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Key { get; set; } = "";
    /// <summary>What the request asked (method, path, body): the same key with another request is refused.</summary>
    public string Fingerprint { get; set; } = "";
    public int Status { get; set; }
    public string Body { get; set; } = "";
    public string? Location { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
}

/// <summary>The commit was cut off: the write may or may not have been recorded. A retry with the same key is safe.</summary>
public sealed class OutcomeUnknown(Exception inner) : Exception("The connection to the database broke while the write was committing", inner);

/// <summary>An <c>Idempotency-Key</c> used again for a different request (422, api.md).</summary>
public sealed class KeyReused() : Exception("This Idempotency-Key was used for another request");

public static class Idempotency
{
    public const string Header = "Idempotency-Key";

    /// <summary>How long a key is kept (and a retry with it answered from the first answer): a day, unless configured.</summary>
    public static TimeSpan Retention(IConfiguration configuration) =>
        TimeSpan.FromHours(configuration.GetValue("Idempotency:RetentionHours", 24.0));

    /// <summary>The key a request carries, checked: 1 to 200 visible ASCII characters.</summary>
    public static string? KeyOf(HttpContext? context)
    {
        var values = context?.Request.Headers[Header];
        if (values is not { Count: > 0 } given) return null;
        var key = given.ToString();
        if (given.Count > 1 || key.Length is 0 or > 200 || key.Any(c => c is < '!' or > '~'))
            throw new InvalidRequest(new Dictionary<string, string[]>
                { [Header] = ["Give one key of 1 to 200 visible ASCII characters, such as a UUID you generate per operation."] });
        return key;
    }

    public static string IdOf(string subject, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{subject}\n{key}")));

    /// <summary>The request as it asked: method, path and body, so the same key with another request is told apart.</summary>
    public static string FingerprintOf(HttpContext context, object command) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}\n{JsonSerializer.Serialize(command, command.GetType())}")));
}
