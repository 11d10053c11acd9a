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

/// <summary>
/// A condition was recorded. <see cref="TimeZone"/> is the zone its dates are judged in (the agreement it names, or
/// one given); conditions recorded before it existed read as UTC. <see cref="AgreementId"/> is the agreement the
/// condition belongs to (the one whose signing satisfies it, or one named): whoever sees that agreement sees it.
/// </summary>
public sealed record ConditionRecorded(Guid ConditionId, string Title, ConditionKind Kind, DateOnly? ExpectedBy,
    Guid? SatisfiedWhenAgreementSigned, string? TimeZone = null, Guid? AgreementId = null);

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
    Guid? SatisfiedWhenAgreementSigned, ConditionStatus Status, DateOnly? SatisfiedOn, string TimeZone = BusinessCalendar.DefaultTimeZone,
    Guid? AgreementId = null)
{
    public bool IsSatisfied => Status == ConditionStatus.Satisfied;

    /// <summary>Late: still open once its expected date has ended in its zone.</summary>
    public bool IsLateAt(DateTimeOffset now) => IsLate(Status, ExpectedBy, TimeZone, now);

    /// <summary>The lateness rule on its own, for read models that hold a condition's facts rather than the condition.</summary>
    public static bool IsLate(ConditionStatus status, DateOnly? expectedBy, string? timeZone, DateTimeOffset now) =>
        status == ConditionStatus.Open && expectedBy is { } expected &&
        now >= BusinessCalendar.FallsDueAt(expected, timeZone ?? BusinessCalendar.DefaultTimeZone);

    /// <summary>
    /// Records a condition, judged in <paramref name="timeZone"/>; one tied to an agreement that is already signed is
    /// satisfied at once.
    /// </summary>
    public static IEnumerable<object> Record(Guid id, string title, ConditionKind kind, DateOnly? expectedBy,
        Guid? satisfiedWhenSigned, DateOnly? alreadySignedOn, string timeZone, Guid? agreementId = null)
    {
        yield return new ConditionRecorded(id, title.Trim(), kind, expectedBy, satisfiedWhenSigned, timeZone, agreementId ?? satisfiedWhenSigned);
        if (satisfiedWhenSigned is { } signingAgreement && alreadySignedOn is { } signedOn)
            yield return new ConditionSatisfied(id, signedOn, null, signingAgreement);
    }

    /// <summary>Today in the condition's zone: the date a settlement given without one is recorded on.</summary>
    public DateOnly TodayAt(DateTimeOffset now) => BusinessCalendar.Today(now, TimeZone);

    public ConditionSatisfied Satisfy(DateOnly? on, Evidence? evidence, DateTimeOffset now)
    {
        MustBeOpen();
        var today = TodayAt(now);
        var date = on ?? today;
        if (date > today) throw new RuleViolation("condition-in-future", $"A condition cannot be satisfied on a future date ({date:yyyy-MM-dd})");
        return new ConditionSatisfied(Id, date, evidence, null);
    }

    public ConditionSatisfied SatisfyBySigning(Guid agreementId, DateOnly signedOn) => new(Id, signedOn, null, agreementId);

    public ConditionFailed Fail(DateOnly? on, string reason, Evidence? evidence, DateTimeOffset now)
    {
        MustBeOpen();
        var today = TodayAt(now);
        var date = on ?? today;
        if (date > today) throw new RuleViolation("condition-in-future", $"A condition cannot fail on a future date ({date:yyyy-MM-dd})");
        return new ConditionFailed(Id, date, reason.Trim(), evidence);
    }

    private void MustBeOpen()
    {
        if (Status != ConditionStatus.Open)
            throw new RuleViolation("condition-settled", $"Condition '{Title}' is already {Status.ToString().ToLowerInvariant()}");
    }

    public static Condition From(ConditionRecorded e) =>
        new(e.ConditionId, 0, e.Title, e.Kind, e.ExpectedBy, e.SatisfiedWhenAgreementSigned, ConditionStatus.Open, null,
            e.TimeZone ?? BusinessCalendar.DefaultTimeZone, e.AgreementId ?? e.SatisfiedWhenAgreementSigned);

    public Condition When(object e) => e switch
    {
        ConditionSatisfied satisfied => this with { Status = ConditionStatus.Satisfied, SatisfiedOn = satisfied.On },
        ConditionFailed => this with { Status = ConditionStatus.Failed },
        _ => this
    };
}
