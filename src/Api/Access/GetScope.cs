using LoiTracker.Domain.Access;

namespace LoiTracker.Api.Access;

/// <summary>A user's assigned scope as an admin or auditor reads it (claims live in the identity provider, not here).</summary>
public sealed record ScopeDetails(string Subject, bool Limited, IReadOnlyList<Guid> Parties, IReadOnlyList<Guid> Agreements, long Version);

public static class GetScopeEndpoint
{
    [WolverineGet("/api/users/{subject}/scope"), Authorize(Policy = Can.Audit)]
    [Scoped("auditors and admins whose own access is not limited")]
    public static async Task<ScopeDetails> Get(string subject, IQuerySession session, Visibility visibility, CancellationToken token)
    {
        await UserScopes.MustBeUnlimited(visibility);
        var id = UserScope.StreamFor(subject);
        var scope = await session.LoadAsync<UserScope>(id, token);
        var state = await session.Events.FetchStreamStateAsync(id, token);
        return new ScopeDetails(subject, scope?.Assigned is not null, scope?.Parties ?? [], scope?.Agreements ?? [], state?.Version ?? 0);
    }
}
