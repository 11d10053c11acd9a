using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Parties;

namespace LoiTracker.Domain.Common;

/// <summary>
/// What a command may read while it decides, and the other streams it may write in the same transaction. The Api's
/// requests see the store; an import sees the store with the bundle's items staged on top, so both run the very same
/// use case (load, decide, return events) and a rule added to one holds for the other.
/// </summary>
public interface ICommandContext
{
    /// <summary>The instant the command is decided at (the injected clock).</summary>
    DateTimeOffset Now { get; }

    CancellationToken Token { get; }

    Task<Party?> Party(Guid id);

    Task<IReadOnlyDictionary<Guid, string>> PartyNames(IEnumerable<Guid> ids);

    /// <summary>Whether a party with this name (up to case and surrounding spaces) is registered.</summary>
    Task<bool> PartyNameTaken(string name);

    Task<Agreement?> Agreement(Guid id);

    Task<Condition?> Condition(Guid id);

    Task<Commitment?> Commitment(Guid id);

    Task<MilestoneRef?> Milestone(Guid id);

    /// <summary>Everything <paramref name="commitmentId"/> needs, transitively: what a cycle check walks.</summary>
    Task<DependencyGraph> UpstreamOf(Guid commitmentId);

    /// <summary>Open conditions that the signature of <paramref name="agreementId"/> satisfies.</summary>
    Task<IReadOnlyList<Condition>> ConditionsSatisfiedBySigning(Guid agreementId);

    /// <summary>Proposed commitments under <paramref name="agreementId"/>.</summary>
    Task<IReadOnlyList<Commitment>> ProposedCommitmentsUnder(Guid agreementId);

    /// <summary>Proposed commitments that wait on any of <paramref name="conditionIds"/>.</summary>
    Task<IReadOnlyList<Commitment>> ProposedCommitmentsWaitingOn(IReadOnlyCollection<Guid> conditionIds);

    /// <summary>Another stream's state, fetched for writing: an append to it is checked against this version at commit.</summary>
    Task<T?> ForWriting<T>(Guid id) where T : class;

    /// <summary>Appends to a stream fetched with <see cref="ForWriting{T}"/>.</summary>
    void Append(Guid streamId, IEnumerable<object> events);

    /// <summary>Starts a new stream besides the command's own.</summary>
    void StartStream<T>(Guid id, IReadOnlyList<object> events) where T : class;
}

/// <summary>The checks every use case makes on what a body refers to: an unknown id there is a rule (422), not a missing resource.</summary>
public static class CommandContextChecks
{
    public static async Task<Agreement> KnownAgreement(this ICommandContext context, Guid id) =>
        await context.Agreement(id) ?? throw new RuleViolation("unknown-agreement", $"Agreement {id} does not exist");

    public static async Task<Party> KnownParty(this ICommandContext context, Guid id) =>
        await context.Party(id) ?? throw new RuleViolation("unknown-party", $"Party {id} is not registered");

    public static async Task<Commitment> KnownCommitment(this ICommandContext context, Guid id) =>
        await context.Commitment(id) ?? throw new RuleViolation("unknown-commitment", $"Commitment {id} does not exist");

    public static async Task<MilestoneRef> KnownMilestone(this ICommandContext context, Guid id) =>
        await context.Milestone(id) ?? throw new RuleViolation("unknown-milestone", $"Milestone {id} does not exist");

    /// <summary>Today in the deadline zone of the agreement a commitment is under: the date a commitment's rules judge "future" by.</summary>
    public static async Task<DateOnly> TodayFor(this ICommandContext context, Commitment commitment) =>
        BusinessCalendar.Today(context.Now, (await context.KnownAgreement(commitment.AgreementId)).TimeZone);

    public static async Task<IReadOnlyList<Condition>> KnownConditions(this ICommandContext context, IReadOnlyCollection<Guid> ids)
    {
        var found = new List<Condition>();
        foreach (var id in ids.Distinct())
            found.Add(await context.Condition(id) ?? throw new RuleViolation("unknown-condition", $"Condition {id} does not exist"));
        return found;
    }
}
