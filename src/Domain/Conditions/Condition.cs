using LoiTracker.Domain.Common;

namespace LoiTracker.Domain.Conditions;

public enum ConditionKind
{
    RegulatoryApproval,
    BoardApproval,
    Financing,
    DefinitiveAgreement,
    Other
}

public enum ConditionStatus
{
    Open,
    Satisfied,
    Failed
}

public sealed record ConditionRecorded(Guid ConditionId, string Title, ConditionKind Kind, DateOnly? ExpectedBy,
    Guid? SatisfiedWhenAgreementSigned);

/// <summary>Satisfied by a person with evidence, or automatically when the linked agreement was signed.</summary>
public sealed record ConditionSatisfied(Guid ConditionId, DateOnly On, Evidence? Evidence, Guid? ByAgreementId);

public sealed record ConditionFailed(Guid ConditionId, DateOnly On, string Reason, Evidence? Evidence);

/// <summary>Every event type a condition's stream holds: what its projections fold.</summary>
public static class ConditionEvents
{
    public static readonly Type[] All = [typeof(ConditionRecorded), typeof(ConditionSatisfied), typeof(ConditionFailed)];
}

/// <summary>
/// An outside event commitments and milestones wait for (a regulatory approval, a board vote, an extension agreed).
/// One condition can gate many commitments, so it is a record of its own.
/// </summary>
public sealed record Condition(Guid Id, long Version, string Title, ConditionKind Kind, DateOnly? ExpectedBy,
    Guid? SatisfiedWhenAgreementSigned, ConditionStatus Status, DateOnly? SatisfiedOn)
{
    public bool IsSatisfied => Status == ConditionStatus.Satisfied;

    /// <summary>Records a condition; one tied to an agreement that is already signed is satisfied at once.</summary>
    public static IEnumerable<object> Record(Guid id, string title, ConditionKind kind, DateOnly? expectedBy,
        Guid? satisfiedWhenSigned, DateOnly? alreadySignedOn)
    {
        yield return new ConditionRecorded(id, title.Trim(), kind, expectedBy, satisfiedWhenSigned);
        if (satisfiedWhenSigned is { } agreementId && alreadySignedOn is { } signedOn)
            yield return new ConditionSatisfied(id, signedOn, null, agreementId);
    }

    public ConditionSatisfied Satisfy(DateOnly on, Evidence? evidence, DateOnly today)
    {
        MustBeOpen();
        if (on > today) throw new RuleViolation("condition-in-future", $"A condition cannot be satisfied on a future date ({on:yyyy-MM-dd})");
        return new ConditionSatisfied(Id, on, evidence, null);
    }

    public ConditionSatisfied SatisfyBySigning(Guid agreementId, DateOnly signedOn) => new(Id, signedOn, null, agreementId);

    public ConditionFailed Fail(DateOnly on, string reason, Evidence? evidence, DateOnly today)
    {
        MustBeOpen();
        if (on > today) throw new RuleViolation("condition-in-future", $"A condition cannot fail on a future date ({on:yyyy-MM-dd})");
        return new ConditionFailed(Id, on, reason.Trim(), evidence);
    }

    private void MustBeOpen()
    {
        if (Status != ConditionStatus.Open)
            throw new RuleViolation("condition-settled", $"Condition '{Title}' is already {Status.ToString().ToLowerInvariant()}");
    }

    public static Condition From(ConditionRecorded e) =>
        new(e.ConditionId, 0, e.Title, e.Kind, e.ExpectedBy, e.SatisfiedWhenAgreementSigned, ConditionStatus.Open, null);

    public Condition When(object e) => e switch
    {
        ConditionSatisfied satisfied => this with { Status = ConditionStatus.Satisfied, SatisfiedOn = satisfied.On },
        ConditionFailed => this with { Status = ConditionStatus.Failed },
        _ => this
    };
}
