using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>Removing a dependency needs a reason (<c>?reason=</c>): the audit trail says why the link went.</summary>
public sealed record RemoveDependency(Guid DependencyId, string? Reason, long? ExpectedVersion) : IHaveReason, IExpectVersion
{
    public IReadOnlyList<object> Decide(Commitment commitment) => [commitment.RemoveDependency(DependencyId, Reason!)];
}

public static class RemoveDependencyEndpoint
{
    [WolverineDelete("/api/commitments/{id}/dependencies/{dependencyId}"), Authorize(Policy = Can.DeclareDependencies)]
    public static Task<Applied> Delete(Guid id, Guid dependencyId, string? reason, long? expectedVersion, Writes writes)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new InvalidRequest(new Dictionary<string, string[]> { ["reason"] = ["Say why the dependency is removed."] });
        var command = new RemoveDependency(dependencyId, reason, expectedVersion);
        return writes.On<Commitment>(id, command, (commitment, _) => Task.FromResult(command.Decide(commitment)));
    }
}
