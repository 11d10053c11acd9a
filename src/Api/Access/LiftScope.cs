using LoiTracker.Domain.Access;

namespace LoiTracker.Api.Access;

/// <summary>An admin lifts the limit it assigned (<c>?reason=</c> says why); the identity provider's claims still apply.</summary>
public sealed record LiftScope(string? Reason) : IHaveReason;

public static class LiftScopeEndpoint
{
    [WolverineDelete("/api/users/{subject}/scope"), Authorize(Policy = Can.ManageScopes)]
    [Scoped("admins whose own access is not limited")]
    public static async Task<Applied> Delete(string subject, string? reason, UserScopes scopes)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new InvalidRequest(new Dictionary<string, string[]> { ["reason"] = ["Say why the scope is lifted."] });
        var command = new LiftScope(reason);
        return await scopes.Change(subject, command, (current, _) => Task.FromResult(UserScope.Lift(current, subject, reason)));
    }
}
