using System.Globalization;
using LoiTracker.Domain.Access;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Notes;
using LoiTracker.Domain.Parties;

namespace LoiTracker.Domain.Audit;

/// <summary>The names a sentence uses for the ids an event holds: titles and names as they stand when the history is read.</summary>
public sealed record SentenceNames(
    IReadOnlyDictionary<Guid, string> Parties,
    IReadOnlyDictionary<Guid, string> Milestones,
    IReadOnlyDictionary<Guid, string> Commitments,
    IReadOnlyDictionary<Guid, string> Agreements)
{
    public static readonly SentenceNames None = new(new Dictionary<Guid, string>(), new Dictionary<Guid, string>(),
        new Dictionary<Guid, string>(), new Dictionary<Guid, string>());

    public string Party(Guid id) => Parties.GetValueOrDefault(id) ?? "a party";
    public string Milestone(Guid id) => Milestones.TryGetValue(id, out var t) ? $"'{t}'" : "a milestone";
    public string Commitment(Guid id) => Commitments.TryGetValue(id, out var t) ? $"'{t}'" : "a commitment";
    public string Agreement(Guid id) => Agreements.TryGetValue(id, out var t) ? $"'{t}'" : "an agreement";
}

/// <summary>
/// One sentence a lawyer can read for each recorded change (issue 11): "Legal Counsel rescheduled 'FEED complete' from
/// 2026-03-31 to 2026-06-30: supplier delay (source: Correspondence, letter of 2026-02-10)". Pure: the event, who, why
/// and from what source in, the sentence out. A privileged note's text is never in it: whoever may read the text reads
/// it beside the sentence.
/// </summary>
public static class ChangeSentences
{
    public static string Describe(object change, string? actor, string? reason, Source? source, SentenceNames names)
    {
        var who = string.IsNullOrWhiteSpace(actor) ? "The system" : actor.Trim();
        var what = What(change, names);
        var why = string.IsNullOrWhiteSpace(reason) || what.Contains(reason, StringComparison.Ordinal) ? "" : $": {reason.Trim()}";
        var from = source is null ? "" : $" (source: {Words(source.Kind.ToString())}, {source.Reference})";
        return $"{who} {what}{why}{from}";
    }

    private static string What(object change, SentenceNames n) => change switch
    {
        PartyRegistered e => $"registered the party '{e.Name}'{(e.Country is null ? "" : $" ({e.Country})")}",
        PartyRenamed e => $"renamed the party '{e.PreviousName}' to '{e.Name}'",
        PartyJoinedGroup e => $"recorded that {n.Party(e.PartyId)} belongs to the group '{e.Group}'",
        PartyLeftGroup e => $"recorded that {n.Party(e.PartyId)} left the group '{e.Group}'",

        AgreementDrafted e => $"drafted the {Words(e.Kind.ToString()).ToLowerInvariant()} '{e.Title}'",
        PartyJoinedAgreement e => $"added {n.Party(e.PartyId)} to the agreement as {Words(e.Role.ToString()).ToLowerInvariant()}",
        ProvisionRecorded e => $"recorded provision {e.Provision.Ref} '{e.Provision.Heading}'",
        KeyDateSet e => e.PreviousDate is { } before
            ? $"moved the {Words(e.KeyDate.Kind.ToString()).ToLowerInvariant()} date from {Day(before)} to {Day(e.KeyDate.Date)}"
            : $"set the {Words(e.KeyDate.Kind.ToString()).ToLowerInvariant()} date to {Day(e.KeyDate.Date)}",
        AgreementSignedByParty e => $"recorded the signature of {n.Party(e.PartyId)} ({e.SignatoryName}) on {Day(e.SignedOn)}",
        AgreementSigned e => $"recorded the agreement as signed on {Day(e.SignedOn)}, effective {Day(e.EffectiveOn)}",
        AgreementAmended e => $"applied the amendment {n.Agreement(e.AmendmentId)}: {string.Join("; ", e.Changes.Select(Change))}",
        AgreementSuperseded e => $"recorded the agreement as superseded by {string.Join(", ", e.ByAgreementIds.Select(n.Agreement))}",
        AgreementTerminated e => $"terminated the agreement on {Day(e.On)}",
        AgreementAbandoned => "abandoned the agreement",

        CommitmentMade e => $"recorded the commitment '{e.Title}' ({e.Workstream}) of {string.Join(", ", e.Obligors.Select(n.Party))}"
                            + (e.Beneficiaries.Count > 0 ? $" to {string.Join(", ", e.Beneficiaries.Select(n.Party))}" : ""),
        ConditionLinked e => $"made the commitment wait on the condition {Quoted(n, e.ConditionId)}",
        CommitmentActivated e => $"recorded the commitment as active ({e.Because})",
        CommitmentOwnerAssigned e => $"assigned the commitment to {e.Owner}" + (e.PreviousOwner is null ? "" : $" (was {e.PreviousOwner})"),
        MilestonePlanned e => $"planned the milestone '{e.Title}'" + (e.DueOn is { } due ? $", due {Day(due)}" : e.Due is { } rel ? $", due {rel.Days} days after its trigger" : ""),
        MilestoneRescheduled e => $"rescheduled {n.Milestone(e.MilestoneId)} " + (e.PreviousDueOn is { } was ? $"from {Day(was)} " : "") + $"to {Day(e.DueOn)}",
        MilestoneCompleted e => $"completed {n.Milestone(e.MilestoneId)} on {Day(e.CompletedOn)}",
        MilestoneAssigned e => $"assigned {n.Milestone(e.MilestoneId)} to {e.Assignee ?? "nobody"}" + (e.PreviousAssignee is null ? "" : $" (was {e.PreviousAssignee})"),
        DeliveryRecorded e => $"recorded a delivery of {e.Quantity.ToString(CultureInfo.InvariantCulture)} for {e.Period}",
        DependencyDeclared e => "declared that the commitment depends on " + (e.DependsOnMilestoneId is { } m ? n.Milestone(m) : n.Commitment(e.DependsOnCommitmentId ?? Guid.Empty)),
        DependencyRemoved => "removed a dependency",
        CommitmentFulfilled e => $"recorded the commitment as fulfilled on {Day(e.On)}",
        BreachNoticed e => $"gave notice of breach, to be cured by {Day(e.CureBy)}",
        BreachCured => "recorded the breach as cured",
        CommitmentBreached => "confirmed the breach",
        CommitmentNotPerformed => "recorded the commitment as not performed",
        CommitmentWaived e => $"recorded that {n.Party(e.ByPartyId)} waived the commitment",
        CommitmentWithdrawn => "withdrew the commitment",
        CommitmentCarriedForward e => $"carried the commitment forward to {n.Commitment(e.ToCommitmentId)} in {n.Agreement(e.ToAgreementId)}",
        CommitmentCarriedOver e => $"recorded the commitment as carried over from {n.Commitment(e.FromCommitmentId)} in {n.Agreement(e.FromAgreementId)}",

        ConditionRecorded e => $"recorded the condition '{e.Title}'" + (e.ExpectedBy is { } by ? $", expected by {Day(by)}" : ""),
        ConditionSatisfied e => e.ByAgreementId is { } a ? $"recorded the condition as satisfied on {Day(e.On)} by the signing of {n.Agreement(a)}"
                                                          : $"recorded the condition as satisfied on {Day(e.On)}",
        ConditionFailed e => $"recorded the condition as failed on {Day(e.On)}",

        NoteAdded { Privileged: true } or PrivilegedNoteAdded => "added a privileged note",
        NoteAdded => "added a note",
        ScopeAssigned e => $"limited {e.Subject} to {e.Parties.Count} parties and {e.Agreements.Count} agreements",
        ScopeLifted e => $"lifted the limits on {e.Subject}",
        _ => $"recorded {Words(change.GetType().Name).ToLowerInvariant()}"
    };

    private static string Quoted(SentenceNames n, Guid id) => n.Commitments.TryGetValue(id, out var t) ? $"'{t}'" : "(a condition)";

    private static string Change(ProvisionChange c) => c.Action switch
    {
        ProvisionAction.Replace => $"replaced provision {c.Ref}",
        ProvisionAction.Insert => $"inserted provision {c.Ref}",
        ProvisionAction.Delete => $"deleted provision {c.Ref}",
        _ => $"changed provision {c.Ref}"
    };

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"PublicAnnouncement" → "Public announcement".</summary>
    public static string Words(string pascal)
    {
        var chars = new List<char>(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i])) { chars.Add(' '); chars.Add(char.ToLowerInvariant(pascal[i])); }
            else chars.Add(pascal[i]);
        }
        return new string([.. chars]);
    }
}
