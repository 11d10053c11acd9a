namespace LoiTracker.Domain.Common;

/// <summary>Optimistic concurrency as a client sees it: a command may say which version it was decided on.</summary>
public static class Versioning
{
    /// <summary>
    /// Refuses a command decided on an older version (409). A version the stream never reached is a client error
    /// rather than a race, so it is a rule violation (422).
    /// </summary>
    public static void Expect(long? expected, long current, string what, Guid id)
    {
        if (expected is null || expected == current) return;
        if (expected < current) throw new StaleVersion(what, id, expected.Value, current);
        throw new RuleViolation("version-ahead",
            $"{what} has not reached version {expected} yet",
            $"{what} {id} is at version {current}.");
    }
}
