using LoiTracker.Domain.Access;

namespace LoiTracker.Api.Access;

/// <summary>
/// Changes to a user's assigned scope, through the one write path (idempotent, versioned, who and why on the event),
/// by an admin whose own access is not limited: a limited admin could otherwise widen someone past its own view.
/// </summary>
public sealed class UserScopes(Writes writes, Visibility visibility, ScopeAssignments assignments, TimeProvider clock)
{
    public static async Task MustBeUnlimited(Visibility visibility)
    {
        if (!await visibility.Unrestricted())
            throw new Forbidden("Only a user whose access is not limited to some parties or agreements manages or reads scopes");
    }

    public async Task<Applied> Change(string subject, object command, Func<UserScope?, ICommandContext, Task<IReadOnlyList<object>>> decide)
    {
        await MustBeUnlimited(visibility);
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 200)
            throw new InvalidRequest(new Dictionary<string, string[]> { ["subject"] = ["Name the user by its token's subject (sub), at most 200 characters."] });
        var id = UserScope.StreamFor(subject);
        return await writes.Retrying(id, command, "UserScope", async (session, _) =>
        {
            var stream = await session.Events.FetchForWriting<UserScope>(id);
            var version = stream.StartingVersion ?? 0;
            Versioning.Expect(writes.ExpectedVersion(command), version, "UserScope", id);
            var events = await decide(stream.Aggregate, new StoredCommandContext(session, clock.GetUtcNow(), CancellationToken.None, visibility));
            stream.AppendMany([.. events]);
            var after = events.Aggregate(stream.Aggregate ?? UserScope.Start(id, subject), (scope, e) => scope.When(e));
            return new Attempt<Applied>(new Applied(id, version + events.Count), AfterCommit: () => assignments.Changed(subject, after.Assigned))
            {
                Writes = events.Count > 0
            };
        });
    }
}
