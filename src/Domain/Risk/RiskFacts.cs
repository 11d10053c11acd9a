using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Conditions;

namespace LoiTracker.Domain.Risk;

/// <summary>A milestone as risk reads it: when it falls due (the end of its due date in the agreement's zone), and whether it is done.</summary>
public sealed record RiskMilestone(Guid Id, string Title, DateOnly? DueOn, DateTimeOffset? FallsDueAt, bool Completed);

/// <summary>A condition the commitment or one of its milestones waits on.</summary>
public sealed record RiskCondition(Guid Id, string Title, ConditionStatus Status, DateOnly? ExpectedBy, DateTimeOffset? ExpectedEndsAt);

/// <summary>A quantity that can fall short (at-least, exactly), with what was delivered per period, counted from the day it became active.</summary>
public sealed record RiskQuantity(Quantity Quantity, IReadOnlyDictionary<string, decimal> DeliveredByPeriod, decimal DeliveredTotal, DateOnly CountingFrom);

/// <summary>What a commitment needs first: a whole commitment, or one of its milestones.</summary>
public sealed record RiskEdge(Guid DependencyId, Guid UpstreamCommitmentId, Guid? UpstreamMilestoneId);

/// <summary>A breach noticed (with its cure deadline), or confirmed.</summary>
public sealed record RiskBreach(bool Confirmed, DateOnly CureBy, DateTimeOffset CureEndsAt);

/// <summary>
/// Everything the rules need about one commitment, from its own facts: read from the inline views by the daemon, built
/// by hand in tests. <see cref="Party"/> names its obligors, for sentences a partnership lead reads.
/// </summary>
public sealed record CommitmentRiskFacts(
    Guid Id,
    string Title,
    string? Party,
    bool Closed,
    string TimeZone,
    RiskBreach? Breach,
    IReadOnlyList<RiskMilestone> Milestones,
    IReadOnlyList<RiskCondition> Conditions,
    RiskQuantity? Quantity,
    IReadOnlyList<RiskEdge> Upstream)
{
    /// <summary>"Floating power (Samsung C&amp;T)": how a sentence names it.</summary>
    public string Label => Party is null ? Title : $"{Title} ({Party})";

    /// <summary>What it must start with: the open milestone due first (a downstream's side of a schedule conflict).</summary>
    public RiskMilestone? StartsWith => Milestones.Where(m => !m.Completed && m.FallsDueAt is not null).MinBy(m => m.FallsDueAt);

    /// <summary>What it finishes with: the open milestone due last (an upstream's side of a schedule conflict).</summary>
    public RiskMilestone? FinishesWith => Milestones.Where(m => !m.Completed && m.FallsDueAt is not null).MaxBy(m => m.FallsDueAt);
}

/// <summary>A node of a reason's chain: a commitment, a milestone or a condition, by id and title.</summary>
public sealed record RiskLink(string Kind, Guid Id, string Title);

/// <summary>
/// Why a commitment is at its level: a rule code, one sentence, and the chain of nodes that leads there (this
/// commitment first). <see cref="Subject"/> and <see cref="State"/> are what a downstream sentence quotes.
/// </summary>
public sealed record RiskReason(string Code, RiskLevel Level, string Summary, string Subject, string State, IReadOnlyList<RiskLink> Chain);

/// <summary>
/// A commitment's risk at an instant: its level, its reasons (worst first), and the next instant at which the clock
/// alone would change its own level (a milestone coming due, a period ending); null when no date is ahead.
/// </summary>
public sealed record NodeRisk(RiskLevel Level, IReadOnlyList<RiskReason> Reasons, DateTimeOffset? NextChangeAt)
{
    public static readonly NodeRisk Nothing = new(RiskLevel.None, [], null);

    /// <summary>Same level and reasons: nothing downstream needs to change.</summary>
    public bool SameAs(NodeRisk other) =>
        Level == other.Level && NextChangeAt == other.NextChangeAt && Reasons.Count == other.Reasons.Count &&
        Reasons.Zip(other.Reasons).All(p => p.First.Code == p.Second.Code && p.First.Level == p.Second.Level &&
                                            p.First.Summary == p.Second.Summary && p.First.Chain.SequenceEqual(p.Second.Chain));
}
