namespace LoiTracker.Domain.Common;

/// <summary>
/// A domain rule refused a command. The title names the rule in words a lawyer can read
/// ("Samsung SDS has already signed this agreement"); <see cref="Rule"/> is a stable code clients can switch on.
/// The Api answers 422 with both.
/// </summary>
public sealed class RuleViolation(string rule, string title, string? detail = null) : Exception(title)
{
    public string Rule { get; } = rule;
    public string Title => Message;
    public string? Detail { get; } = detail;
}

/// <summary>A command referred to something that does not exist (the id in its route): the Api answers 404.</summary>
public sealed class NotFound(string what, Guid id) : Exception($"{what} {id} was not found")
{
    public string What { get; } = what;
    public Guid Id { get; } = id;
}

/// <summary>
/// The command carried an <c>expectedVersion</c> that is behind the stream, or lost every race it was retried in: the Api
/// answers 409 naming the current version.
/// </summary>
public sealed class StaleVersion(string what, Guid id, long? expected, long current)
    : Exception(expected is { } e
        ? $"{what} {id} is at version {current}, not {e}: reload it and try again"
        : $"{what} {id} was changed by someone else at the same time: reload it and try again")
{
    public long? Expected { get; } = expected;
    public long Current { get; } = current;
}
