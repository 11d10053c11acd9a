using System.Security.Claims;
using LoiTracker.Api.Audit;
using LoiTracker.Projections.Notes;
using LoiTracker.Projections.Reading;

namespace LoiTracker.Api.Commitments;

/// <summary>
/// A commitment as it was known at a past instant (<c>GET /api/commitments/{id}?asOf=</c>): its stream, its agreement's,
/// its parties' and its conditions' folded to their versions then, deliveries summed to that version, business states
/// judged at the instant or on <c>on</c>. Risk is not kept for the past and says so. Titles of what it depends on are
/// today's (ADR 18).
/// </summary>
public static class CommitmentAsKnown
{
    public static async Task<CommitmentDetails> Read(Guid id, PastRecords past, IQuerySession session, ClaimsPrincipal user,
        Access.Visibility visibility, Access.ReadLog reads, CancellationToken token)
    {
        var versions = await past.VersionsOf([id], token);
        if (versions.Count == 0) throw new NotFound("Commitment", id);
        var events = (await past.Events(versions, token))[id].ToList();
        var view = PastRecords.Commitment(id, events) ?? throw new NotFound("Commitment", id);
        var now = past.At.JudgedAt;

        var agreements = await past.AgreementsOf([view.AgreementId], token);
        var agreement = agreements.GetValueOrDefault(view.AgreementId);
        var conditionViews = await past.ConditionsOf(view.ConditionIds, token);
        var milestones = await Schedules.Resolve(session, PastRecords.MilestonesOf(events), now, token,
            new Dictionary<Guid, Projections.Commitments.CommitmentView> { [id] = view }, agreements, conditionViews);
        var parties = await past.PartiesOf(view.Parties, token);
        var facts = await past.Facts(versions, token);
        var recent = (await DeliveryEvents.Of(session, [id]).Where(e => e.Version <= versions[id]).OrderByDescending(e => e.Version).Take(20)
            .ToListAsync(token)).Select(DeliveryEvents.ToView).ToList();
        var dependencies = await GetCommitmentEndpoint.DependenciesOf(session, view, visibility, token);
        var linked = await visibility.Visible(Access.ScopedKind.Commitment,
            new[] { view.CarriedForwardToCommitment, view.CarriedOverFromCommitment }.OfType<Guid>());
        var privileged = user.May(Can.ReadPrivilegedNotes);
        var known = privileged ? await past.PrivilegedNotesKnown(id, token) : new HashSet<Guid>();
        var notes = (await NotesReading.For(session, view.Id, view.Notes, privileged, token)).Where(n => !n.Privileged || view.Notes.Contains(n) || known.Contains(n.Id)).ToList();
        var deliveries = facts.DeliveriesOf(id);

        return new CommitmentDetails(view.Id, facts.VersionOf(view), view.Title, view.Terms, view.ProvisionRef, References.AgreementOf(agreement, now),
            References.PartiesOf(view.Obligors, parties), References.PartiesOf(view.Beneficiaries, parties), view.Workstream, view.Binding,
            view.Status, view.Owner, facts.ProgressOf(view, agreement?.TimeZone ?? BusinessCalendar.DefaultTimeZone, now), deliveries.ByPeriod,
            deliveries.Count, view.Value,
            [.. conditionViews.Values.Select(c => new ConditionRef(c.Id, c.Title, c.Kind, c.Status, c.ExpectedBy, c.SettledOn))],
            [.. milestones.OrderBy(m => m.DueOn ?? DateOnly.MaxValue)], recent, dependencies, view.Breach, view.Closed,
            view.CarriedForwardToCommitment is { } to && linked.Contains(to) ? new CommitmentLinkRef(view.CarriedForwardToAgreement!.Value, to) : null,
            view.CarriedOverFromCommitment is { } from && linked.Contains(from) ? new CommitmentLinkRef(view.CarriedOverFromAgreement!.Value, from) : null,
            await reads.Shown(notes, token), PastRecords.RiskNotKept, view.MadeAt, view.MadeBy, facts.LastChangeOf(view),
            view.BeneficiariesIllustrative);
    }
}
