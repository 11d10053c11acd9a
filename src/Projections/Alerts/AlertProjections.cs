using JasperFx.Events;
using LoiTracker.Domain.Alerts;
using LoiTracker.Projections.Common;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Alerts;

/// <summary>The alert aggregate its commands decide on, kept inline.</summary>
public partial class AlertProjection : SingleStreamProjection<Alert, Guid>
{
    public AlertProjection()
    {
        this.Folds(typeof(Alert), AlertEvents.All);
    }

    public override Alert? Evolve(Alert? snapshot, Guid id, IEvent e)
    {
        var next = e.Data is AlertRaised raised ? Alert.From(raised) : snapshot?.When(e.Data);
        return next is null ? null : next with { Version = e.Version };
    }
}

/// <summary>The states an alert's reader filters by.</summary>
public static class AlertStates
{
    public const string Open = "open", Acknowledged = "acknowledged", Resolved = "resolved";
    public static readonly string[] All = [Open, Acknowledged, Resolved];
}

/// <summary>An alert as the inbox reads it: what, about which item, for whom, what to do, and what became of it.</summary>
public sealed class AlertView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Rule { get; set; } = "";
    public string ItemKind { get; set; } = "";
    public Guid ItemId { get; set; }
    public int Revision { get; set; }
    public int? LeadDays { get; set; }
    public string Title { get; set; } = "";
    public Guid? AgreementId { get; set; }
    public Guid? CommitmentId { get; set; }
    public DateOnly? DueOn { get; set; }
    public List<Guid> Parties { get; set; } = [];
    public Guid? OwnerPartyId { get; set; }
    public string? Assignee { get; set; }
    public string WhatToDo { get; set; } = "";
    public string State { get; set; } = AlertStates.Open;
    /// <summary>True until it is resolved: what the sweep looks through for alerts whose cause went away (an index).</summary>
    public bool Active { get; set; } = true;
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgedNote { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedReason { get; set; }
}

public partial class AlertViewProjection : SingleStreamProjection<AlertView, Guid>
{
    public AlertViewProjection()
    {
        this.Folds(typeof(Alert), AlertEvents.All);
    }

    public override AlertView? Evolve(AlertView? view, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case AlertRaised r:
                view = new AlertView
                {
                    Id = r.AlertId, Rule = r.Rule, ItemKind = r.ItemKind, ItemId = r.ItemId, Revision = r.Revision, LeadDays = r.LeadDays,
                    Title = r.Title, AgreementId = r.AgreementId, CommitmentId = r.CommitmentId, DueOn = r.DueOn, Parties = [.. r.Parties],
                    OwnerPartyId = r.OwnerPartyId, Assignee = r.Assignee, WhatToDo = r.WhatToDo, RaisedAt = r.RaisedAt
                };
                break;
            case AlertAcknowledged a when view is not null:
                view.AcknowledgedAt = a.At;
                view.AcknowledgedBy = Provenance.ActorNameOf(e);
                view.AcknowledgedNote = a.Note;
                if (view.Active) view.State = AlertStates.Acknowledged;
                break;
            case AlertResolved resolved when view is not null:
                view.State = AlertStates.Resolved;
                view.Active = false;
                view.ResolvedAt = resolved.At;
                view.ResolvedReason = resolved.Reason;
                break;
        }
        if (view is null) return null;
        view.Version = e.Version;
        return view;
    }
}
