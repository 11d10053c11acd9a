using System.Security.Cryptography;
using System.Text;
using LoiTracker.Projections.Alerts;

namespace LoiTracker.Api.Alerts;

/// <summary>
/// Alert email (ADR 21), bound from <c>Alerts:Email</c>: off unless <c>Enabled</c>; the SMTP server, the sender, the
/// subscribers and the UTC hour the daily digest goes out at. A subscriber is
/// <c>Alerts:Email:Subscribers:{n}:Address</c> with optional <c>:Parties:{m}</c> (party ids; none = every alert).
/// </summary>
public sealed record AlertEmailSettings
{
    public bool Enabled { get; init; }
    public SmtpSettings Smtp { get; init; } = new();
    public string From { get; init; } = "LoiTracker <loitracker@localhost>";
    public List<AlertSubscriber> Subscribers { get; init; } = [];
    public int DigestHourUtc { get; init; } = 7;

    public static AlertEmailSettings Read(IConfiguration configuration)
    {
        var settings = configuration.GetSection("Alerts:Email").Get<AlertEmailSettings>() ?? new AlertEmailSettings();
        if (settings.DigestHourUtc is < 0 or > 23)
            throw new InvalidOperationException($"Alerts:Email:DigestHourUtc is {settings.DigestHourUtc}: an hour of the UTC day, 0 to 23, is expected.");
        if (settings.Enabled && string.IsNullOrWhiteSpace(settings.Smtp.Host))
            throw new InvalidOperationException("Alerts:Email:Enabled is true but Alerts:Email:Smtp:Host is not set.");
        return settings;
    }

    /// <summary>
    /// Each address once (case aside): the same address listed twice gets every alert either entry subscribes to,
    /// and still one email per alert.
    /// </summary>
    public IReadOnlyList<AlertSubscriber> Recipients() =>
    [
        .. Subscribers.Where(s => !string.IsNullOrWhiteSpace(s.Address))
            .GroupBy(s => s.Address.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new AlertSubscriber
            {
                Address = g.First().Address.Trim(),
                Parties = g.Any(s => s.Parties.Count == 0) ? [] : [.. g.SelectMany(s => s.Parties).Distinct()]
            })
    ];
}

public sealed record SmtpSettings
{
    public string Host { get; init; } = "localhost";
    public int Port { get; init; } = 25;
    /// <summary>TLS on connect at port 465, STARTTLS (required) on any other; false sends in the clear (a local relay).</summary>
    public bool UseTls { get; init; }
    public string? User { get; init; }
    public string? Password { get; init; }
}

public sealed record AlertSubscriber
{
    public string Address { get; init; } = "";
    /// <summary>The parties whose alerts this subscriber receives; empty: every alert.</summary>
    public List<Guid> Parties { get; init; } = [];

    public bool Wants(AlertView alert) =>
        Parties.Count == 0 || alert.Parties.Any(Parties.Contains) || alert.OwnerPartyId is { } owner && Parties.Contains(owner);

    /// <summary>The address as the claims and Message-Ids name it: a hash, so neither carries the address itself.</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Address.Trim().ToLowerInvariant())).AsSpan(0, 8));
}
