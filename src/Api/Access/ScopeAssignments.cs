using System.Collections.Concurrent;
using LoiTracker.Domain.Access;
using Marten;

namespace LoiTracker.Api.Access;

/// <summary>
/// The scopes admins assigned, remembered per user for a few seconds (<c>Access:AssignmentCacheSeconds</c>, 5) so a
/// request does not pay a round trip for them: on the node that records a change it applies at once, on other nodes
/// within that time (ADR 16). A user with no assignment is remembered as such, so the common case costs nothing.
/// </summary>
public sealed class ScopeAssignments(TimeProvider clock, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, (Restriction? Assigned, DateTimeOffset ReadAt)> _known = new();
    private readonly TimeSpan _keep = TimeSpan.FromSeconds(configuration.GetValue("Access:AssignmentCacheSeconds", 5.0));

    public async Task<Restriction?> Of(string subject, IQuerySession session)
    {
        var now = clock.GetUtcNow();
        if (_known.TryGetValue(subject, out var known) && now - known.ReadAt < _keep) return known.Assigned;
        var scope = await session.LoadAsync<UserScope>(UserScope.StreamFor(subject));
        _known[subject] = (scope?.Assigned, now);
        return scope?.Assigned;
    }

    /// <summary>A change recorded on this node applies to the next request at once.</summary>
    public void Changed(string subject, Restriction? assigned) => _known[subject] = (assigned, clock.GetUtcNow());
}
