using JasperFx.Events;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Projections.Common;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Conditions;

/// <summary>The condition aggregate its commands decide on, kept inline.</summary>
public partial class ConditionProjection : SingleStreamProjection<Condition, Guid>
{
    public ConditionProjection()
    {
        this.Folds(typeof(Condition), ConditionEvents.All);
    }

    public override Condition? Evolve(Condition? snapshot, Guid id, IEvent e)
    {
        var next = e.Data is ConditionRecorded recorded ? Condition.From(recorded) : snapshot?.When(e.Data);
        return next is null ? null : next with { Version = e.Version };
    }
}

/// <summary>A condition as people read it. Whether it is late (past its expected date and still open) is derived when read.</summary>
public sealed class ConditionView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Title { get; set; } = "";
    public ConditionKind Kind { get; set; }
    public DateOnly? ExpectedBy { get; set; }
    /// <summary>The zone its dates are judged in; null for conditions recorded before conditions had one (UTC).</summary>
    public string? TimeZone { get; set; }
    public Guid? SatisfiedWhenAgreementSigned { get; set; }
    /// <summary>The agreement the condition belongs to: whoever sees it sees the condition (ADR 16).</summary>
    public Guid? AgreementId { get; set; }
    public ConditionStatus Status { get; set; }
    public DateOnly? SettledOn { get; set; }
    public bool SatisfiedAutomatically { get; set; }
    public string? Reason { get; set; }
    public Evidence? Evidence { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public LastChange? LastChange { get; set; }
}

public partial class ConditionViewProjection : SingleStreamProjection<ConditionView, Guid>
{
    public ConditionViewProjection()
    {
        this.Folds(typeof(Condition), ConditionEvents.All);
    }

    public override ConditionView? Evolve(ConditionView? view, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case ConditionRecorded recorded:
                view = new ConditionView
                {
                    Id = recorded.ConditionId, Title = recorded.Title, Kind = recorded.Kind, ExpectedBy = recorded.ExpectedBy,
                    TimeZone = recorded.TimeZone,
                    SatisfiedWhenAgreementSigned = recorded.SatisfiedWhenAgreementSigned, Status = ConditionStatus.Open,
                    AgreementId = recorded.AgreementId ?? recorded.SatisfiedWhenAgreementSigned,
                    RecordedAt = Provenance.RecordedAt(e)
                };
                break;
            case ConditionSatisfied satisfied when view is not null:
                view.Status = ConditionStatus.Satisfied;
                view.SettledOn = satisfied.On;
                view.SatisfiedAutomatically = satisfied.ByAgreementId is not null;
                view.Evidence = satisfied.Evidence;
                break;
            case ConditionFailed failed when view is not null:
                view.Status = ConditionStatus.Failed;
                view.SettledOn = failed.On;
                view.Reason = failed.Reason;
                view.Evidence = failed.Evidence;
                break;
        }
        if (view is null) return null;
        view.Version = e.Version;
        view.LastChange = LastChange.Of(e);
        return view;
    }
}
