using System.Security.Cryptography;
using System.Text;

namespace LoiTracker.Domain.Access;

/// <summary>An admin limited a user (by its subject) to parties and agreements, saying why.</summary>
public sealed record ScopeAssigned(string Subject, IReadOnlyList<Guid> Parties, IReadOnlyList<Guid> Agreements, string Reason);

/// <summary>An admin lifted the limit it had assigned; the identity provider's claims, if any, still apply.</summary>
public sealed record ScopeLifted(string Subject, string Reason);

public static class UserScopeEvents
{
    public static readonly Type[] All = [typeof(ScopeAssigned), typeof(ScopeLifted)];
}

/// <summary>
/// The scope an admin assigned to one user, in a stream per user whose id is derived from the subject: found without an
/// index, and every change to it (who, when, why) is an event in the audit trail.
/// </summary>
public sealed record UserScope(Guid Id, string Subject, IReadOnlyList<Guid>? Parties = null, IReadOnlyList<Guid>? Agreements = null)
{
    /// <summary>The restriction in force, or none when never assigned or lifted.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Restriction? Assigned => Parties is null || Agreements is null ? null : Restriction.Of(Parties, Agreements);

    public static Guid StreamFor(string subject)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"user-scope\n{subject}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: a name-based id of our own
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }

    public static UserScope Start(Guid id, string subject) => new(id, subject);

    public UserScope When(object e) => e switch
    {
        ScopeAssigned assigned => this with { Parties = assigned.Parties, Agreements = assigned.Agreements },
        ScopeLifted => this with { Parties = null, Agreements = null },
        _ => this
    };

    /// <summary>Assigning the limit already in place, or lifting none, records nothing.</summary>
    public static IReadOnlyList<object> Assign(UserScope? current, string subject, IReadOnlyCollection<Guid> parties,
        IReadOnlyCollection<Guid> agreements, string reason)
    {
        if (parties.Count == 0 && agreements.Count == 0)
            throw new RuleViolation("empty-scope", "A scope names at least one party or agreement: to lift a scope, delete it");
        if (current?.Assigned is { } now && now.Parties.SetEquals(parties) && now.Agreements.SetEquals(agreements)) return [];
        return [new ScopeAssigned(subject, [.. parties.Distinct()], [.. agreements.Distinct()], reason.Trim())];
    }

    public static IReadOnlyList<object> Lift(UserScope? current, string subject, string reason) =>
        current?.Assigned is null ? [] : [new ScopeLifted(subject, reason.Trim())];
}
