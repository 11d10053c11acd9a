using System.Security.Cryptography;
using System.Text;

namespace LoiTracker.Domain.Alerts;

/// <summary>What an alert can be about, each with its rules (domain.md: Alert).</summary>
public static class AlertItemKinds
{
    public const string Milestone = "milestone", KeyDate = "key-date", Condition = "condition", Breach = "breach", Risk = "risk";
}

/// <summary>The rules: due soon at a lead time, overdue or passed at the due instant, late, cure deadline, risk raised.</summary>
public static class AlertRuleNames
{
    public const string DueSoon = "due-soon", Overdue = "overdue", ConditionLate = "condition-late", CureDueSoon = "cure-due-soon",
        CurePassed = "cure-passed", RiskRaised = "risk-raised";
}

/// <summary>
/// Something an alert can be raised for, as the sweep reads it: a dated item (milestone, key date, condition's expected
/// date, breach cure deadline) or a commitment's risk. <see cref="Revision"/> changes whenever the item's schedule does
/// (a reschedule), so an alert for the old date and one for the new never share an identity.
/// </summary>
public sealed record AlertableItem(
    string Kind, Guid ItemId, string Title, Guid? AgreementId, Guid? CommitmentId, DateOnly? DueOn, string TimeZone, int Revision,
    bool Settled, IReadOnlyList<Guid> Parties, Guid? OwnerPartyId, string? Assignee, IReadOnlyList<int> LeadDays, int RiskRank = 0);

/// <summary>Why an alert exists: its rule on one item at one revision (and lead time). Its id is derived from it.</summary>
public sealed record AlertCause(string Rule, string ItemKind, Guid ItemId, int Revision, int? LeadDays, int Occurrence = 0)
{
    /// <summary>
    /// The alert's identity, derived from its cause (a name-based UUID): the same cause always gives the same id, so an
    /// alert cannot be raised twice, whichever process or run raises it (issue 12).
    /// </summary>
    public Guid AlertId
    {
        get
        {
            // A cause that went away and came back (a risk that fell and rose again) is a new occurrence of it.
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"alert|{ItemKind}|{ItemId:N}|{Rule}|{Revision}|{LeadDays}" +
                                                              (Occurrence > 0 ? $"|{Occurrence}" : "")));
            var bytes = hash.AsSpan(0, 16).ToArray();
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5-style: derived from a name
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }
    }
}

/// <summary>
/// The alert rules, pure (ADR 19): for an item at an instant, the one alert that should be open, if any. Only the most
/// urgent applies: once a milestone is overdue its due-soon alerts have nothing left to say, and the 7-day alert
/// supersedes the 30-day one. A due-soon alert opens at the start of day <c>due − lead</c> in the item's zone; overdue
/// at the due instant (the end of the due day in that zone, <see cref="Common.BusinessCalendar.FallsDueAt"/>).
/// </summary>
public static class AlertRules
{
    public const int RiskAtRisk = 2;

    public static AlertCause? Current(AlertableItem item, DateTimeOffset now)
    {
        if (item.Settled) return null;
        if (item.Kind == AlertItemKinds.Risk)
            return item.RiskRank >= RiskAtRisk ? new AlertCause(AlertRuleNames.RiskRaised, item.Kind, item.ItemId, item.RiskRank, null) : null;
        if (item.DueOn is not { } due) return null;

        var passed = Common.BusinessCalendar.FallsDueAt(due, item.TimeZone);
        if (now >= passed)
            return new AlertCause(item.Kind switch
            {
                AlertItemKinds.Condition => AlertRuleNames.ConditionLate,
                AlertItemKinds.Breach => AlertRuleNames.CurePassed,
                _ => AlertRuleNames.Overdue
            }, item.Kind, item.ItemId, item.Revision, null);
        if (item.Kind == AlertItemKinds.Condition) return null;

        var lead = item.LeadDays.Where(days => now >= OpensAt(due, days, item.TimeZone)).DefaultIfEmpty(-1).Min();
        return lead < 0
            ? null
            : new AlertCause(item.Kind == AlertItemKinds.Breach ? AlertRuleNames.CureDueSoon : AlertRuleNames.DueSoon, item.Kind, item.ItemId,
                item.Revision, lead);
    }

    /// <summary>The instant a due-soon alert <paramref name="days"/> ahead opens: the start of that day in the zone.</summary>
    public static DateTimeOffset OpensAt(DateOnly due, int days, string timeZone) =>
        Common.BusinessCalendar.FallsDueAt(due.AddDays(-days - 1), timeZone);

    /// <summary>What to do, in one sentence, for the alert's reader.</summary>
    public static string WhatToDo(AlertCause cause, AlertableItem item) => cause.Rule switch
    {
        AlertRuleNames.DueSoon => $"'{item.Title}' is due on {item.DueOn:yyyy-MM-dd}, in {cause.LeadDays} day{(cause.LeadDays == 1 ? "" : "s")}: " +
                                  "complete it, or reschedule it with a reason.",
        AlertRuleNames.Overdue when item.Kind == AlertItemKinds.KeyDate => $"The key date '{item.Title}' ({item.DueOn:yyyy-MM-dd}) has passed: act on it.",
        AlertRuleNames.Overdue => $"'{item.Title}' was due on {item.DueOn:yyyy-MM-dd} and is overdue: complete it, or reschedule it with a reason.",
        AlertRuleNames.ConditionLate => $"The condition '{item.Title}' was expected by {item.DueOn:yyyy-MM-dd}: satisfy it, or record that it failed.",
        AlertRuleNames.CureDueSoon => $"The breach of '{item.Title}' must be cured by {item.DueOn:yyyy-MM-dd}, in {cause.LeadDays} day{(cause.LeadDays == 1 ? "" : "s")}.",
        AlertRuleNames.CurePassed => $"The cure deadline for '{item.Title}' ({item.DueOn:yyyy-MM-dd}) has passed: cure it, or confirm the breach.",
        AlertRuleNames.RiskRaised => $"'{item.Title}' is {(cause.Revision >= 3 ? "critical" : "at risk")}: see its reasons in the risk list.",
        _ => $"'{item.Title}' needs attention."
    };
}

public sealed record AlertRaised(Guid AlertId, string Rule, string ItemKind, Guid ItemId, int Revision, int? LeadDays, string Title,
    Guid? AgreementId, Guid? CommitmentId, DateOnly? DueOn, IReadOnlyList<Guid> Parties, Guid? OwnerPartyId, string? Assignee, string WhatToDo,
    DateTimeOffset RaisedAt);

public sealed record AlertAcknowledged(Guid AlertId, DateTimeOffset At, string? Note);

/// <summary>The cause went away: completed, moved, satisfied, risk fallen, or superseded by a more urgent alert.</summary>
public sealed record AlertResolved(Guid AlertId, string Reason, DateTimeOffset At);

/// <summary>Every event type an alert's stream holds.</summary>
public static class AlertEvents
{
    public static readonly Type[] All = [typeof(AlertRaised), typeof(AlertAcknowledged), typeof(AlertResolved)];
}

/// <summary>An alert as its commands decide on it.</summary>
public sealed record Alert(Guid Id, long Version, bool Acknowledged, bool Resolved)
{
    public static Alert From(AlertRaised raised) => new(raised.AlertId, 1, false, false);

    public Alert When(object e) => e switch
    {
        AlertAcknowledged => this with { Acknowledged = true },
        AlertResolved => this with { Resolved = true },
        _ => this
    };

    public AlertAcknowledged Acknowledge(DateTimeOffset now, string? note)
    {
        if (Acknowledged) throw new Common.RuleViolation("alert-already-acknowledged", "This alert was acknowledged already",
            "Each alert is acknowledged once; its history says by whom and when.");
        return new AlertAcknowledged(Id, now, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
    }
}
