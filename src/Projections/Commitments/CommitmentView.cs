using JasperFx.Events;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Common;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Commitments;

/// <summary>
/// A commitment as the obligations register and its detail page read it, kept inline so a read after a write sees
/// it. What depends on the clock (next milestone, overdue, pending) or on other streams (names, agreement titles)
/// is added when read. Deliveries are not folded in here: recording one (the busiest command) must not rewrite this
/// document and its index entries; each is a <see cref="DeliveryView"/> of its own, summed when read (docs/benchmarks.md).
/// </summary>
public sealed class CommitmentView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid AgreementId { get; set; }
    public List<Guid> Obligors { get; set; } = [];
    public List<Guid> Beneficiaries { get; set; } = [];
    /// <summary>The beneficiaries are a reading of the source, not named in it (the reference deal's joint undertakings).</summary>
    public bool BeneficiariesIllustrative { get; set; }
    /// <summary>Obligors and beneficiaries together: "every commitment Samsung SDS is part of".</summary>
    public List<Guid> Parties { get; set; } = [];
    public string Workstream { get; set; } = "";
    public string Title { get; set; } = "";
    public string Terms { get; set; } = "";
    public string? ProvisionRef { get; set; }
    public bool Binding { get; set; }
    public Quantity? Quantity { get; set; }
    public Money? Value { get; set; }
    public string? Owner { get; set; }
    public CommitmentStatus Status { get; set; }
    public List<Guid> ConditionIds { get; set; } = [];
    public List<DependencyView> Dependencies { get; set; } = [];
    public BreachView? Breach { get; set; }
    public StatusChange? Closed { get; set; }
    public Guid? CarriedForwardToAgreement { get; set; }
    public Guid? CarriedForwardToCommitment { get; set; }
    public Guid? CarriedOverFromAgreement { get; set; }
    public Guid? CarriedOverFromCommitment { get; set; }
    public List<NoteView> Notes { get; set; } = [];
    public DateTimeOffset MadeAt { get; set; }
    public string? MadeBy { get; set; }
    public LastChange? LastChange { get; set; }
}

public sealed record DependencyView(Guid Id, Guid? DependsOnCommitmentId, Guid? DependsOnMilestoneId, string? Note, bool Illustrative);

public sealed record BreachView(DateOnly CureBy, string Reason, Evidence? Evidence, DateTimeOffset NoticedAt, string? NoticedBy);

/// <summary>How the commitment ended (fulfilled, waived, withdrawn...), why, with what evidence, recorded when and by whom.</summary>
public sealed record StatusChange(CommitmentStatus To, DateOnly? On, string? Reason, Evidence? Evidence, DateTimeOffset At, string? By);

public partial class CommitmentViewProjection : SingleStreamProjection<CommitmentView, Guid>
{
    public CommitmentViewProjection()
    {
        // Deliveries are summed when read, not folded here (ADR 10).
        this.Folds(typeof(Commitment), CommitmentEvents.All.Where(t => t != typeof(DeliveryRecorded)));
    }

    public override CommitmentView? Evolve(CommitmentView? view, Guid id, IEvent e)
    {
        if (e.Data is CommitmentMade made)
        {
            view = new CommitmentView
            {
                Id = made.CommitmentId, AgreementId = made.AgreementId, Obligors = [.. made.Obligors], Beneficiaries = [.. made.Beneficiaries],
                Parties = [.. made.Obligors.Concat(made.Beneficiaries).Distinct()], Workstream = made.Workstream, Title = made.Title,
                Terms = made.Terms, ProvisionRef = made.ProvisionRef, Binding = made.Binding, Quantity = made.Quantity, Value = made.Value,
                Owner = made.Owner, BeneficiariesIllustrative = made.BeneficiariesIllustrative, Status = CommitmentStatus.Proposed, MadeAt = Provenance.RecordedAt(e), MadeBy = Provenance.ActorNameOf(e)
            };
        }
        if (view is null) return null;

        StatusChange Closing(CommitmentStatus to, DateOnly? on, string? reason, Evidence? evidence) =>
            new(to, on, reason, evidence, Provenance.RecordedAt(e), Provenance.ActorNameOf(e));

        switch (e.Data)
        {
            case ConditionLinked linked:
                view.ConditionIds.Add(linked.ConditionId);
                break;
            case CommitmentActivated:
                view.Status = CommitmentStatus.Active;
                break;
            case CommitmentOwnerAssigned owner:
                view.Owner = owner.Owner;
                break;
            case DependencyDeclared declared:
                view.Dependencies.Add(new DependencyView(declared.DependencyId, declared.DependsOnCommitmentId, declared.DependsOnMilestoneId,
                    declared.Note, declared.Illustrative));
                break;
            case DependencyRemoved removed:
                view.Dependencies.RemoveAll(d => d.Id == removed.DependencyId);
                break;
            case NoteAdded note:
                view.Notes.Add(new NoteView(note.NoteId, note.Text, note.Privileged, Provenance.RecordedAt(e), Provenance.ActorNameOf(e)));
                break;
            case BreachNoticed noticed:
                view.Status = CommitmentStatus.BreachNoticed;
                view.Breach = new BreachView(noticed.CureBy, noticed.Reason, noticed.Evidence, Provenance.RecordedAt(e), Provenance.ActorNameOf(e));
                break;
            case BreachCured:
                view.Status = CommitmentStatus.Active;
                view.Breach = null;
                break;
            case CommitmentBreached breached:
                view.Status = CommitmentStatus.Breached;
                view.Closed = Closing(CommitmentStatus.Breached, null, breached.Reason, breached.Evidence);
                break;
            case CommitmentFulfilled fulfilled:
                view.Status = CommitmentStatus.Fulfilled;
                view.Closed = Closing(CommitmentStatus.Fulfilled, fulfilled.On, null, fulfilled.Evidence);
                break;
            case CommitmentNotPerformed notPerformed:
                view.Status = CommitmentStatus.NotPerformed;
                view.Closed = Closing(CommitmentStatus.NotPerformed, null, notPerformed.Reason, notPerformed.Evidence);
                break;
            case CommitmentWaived waived:
                view.Status = CommitmentStatus.Waived;
                view.Closed = Closing(CommitmentStatus.Waived, null, waived.Reason, waived.Evidence);
                break;
            case CommitmentWithdrawn withdrawn:
                view.Status = CommitmentStatus.Withdrawn;
                view.Closed = Closing(CommitmentStatus.Withdrawn, null, withdrawn.Reason, withdrawn.Evidence);
                break;
            case CommitmentCarriedForward forward:
                view.Status = CommitmentStatus.CarriedForward;
                view.CarriedForwardToAgreement = forward.ToAgreementId;
                view.CarriedForwardToCommitment = forward.ToCommitmentId;
                view.Closed = Closing(CommitmentStatus.CarriedForward, null, forward.Reason, null);
                break;
            case CommitmentCarriedOver over:
                view.CarriedOverFromAgreement = over.FromAgreementId;
                view.CarriedOverFromCommitment = over.FromCommitmentId;
                break;
        }

        view.Version = e.Version;
        view.LastChange = LastChange.Of(e);
        return view;
    }
}
