using System.Security.Claims;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Notes;
using LoiTracker.Projections.Reading;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Agreements;

public static class GetAgreementEndpoint
{
    /// <summary>
    /// An agreement: parties, provisions in force, key dates, signatures, commitment counts by status and its lineage.
    /// With <c>asOf</c>, as it was known at that instant; states are judged then, or on the date <c>on</c> names (ADR 18).
    /// </summary>
    [WolverineGet("/api/agreements/{id}"), Authorize(Policy = Can.Read)]
    public static async Task<AgreementDetails> Get(Guid id, DateTimeOffset? asOf, DateOnly? on, IQuerySession session, TimeProvider clock,
        ClaimsPrincipal user, Access.Visibility visibility, Access.ReadLog reads, CancellationToken token)
    {
        if (asOf is { } instant)
            return await AgreementAsKnown.Read(id, new Audit.PastRecords(session, await Audit.PastInstant.Of(instant, on, session, token)),
                session, user, visibility, reads, token);

        var batch = session.CreateBatchQuery();
        var viewing = batch.Load<AgreementView>(id);
        var children = batch.Query<AgreementView>().Where(a => a.ParentAgreementId == id).ToList();
        var predecessors = batch.Query<AgreementView>().Where(a => a.SupersededBy.Contains(id)).ToList();
        // Counted over the commitments the user sees (ADR 16): a scoped user learns nothing of the others, not even how many.
        var commitmentStatuses = (await visibility.Only(session.Query<CommitmentView>()))
            .Where(c => c.AgreementId == id).Select(c => c.Status).ToListAsync(token);
        await batch.Execute(token);

        var view = await viewing ?? throw new NotFound("Agreement", id);
        var now = Audit.PastInstant.JudgedOn(on) ?? clock.GetUtcNow();
        var related = await References.Agreements(session, [.. view.SupersededBy, .. view.ParentAgreementId is { } q ? [q] : Array.Empty<Guid>()], token);
        var parties = await References.Parties(session, view.Parties.Select(p => p.PartyId), token);
        var privileged = user.May(Can.ReadPrivilegedNotes);
        var notes = await reads.Shown(await NotesReading.For(session, view.Id, view.Notes, privileged, token), token);
        return await Details(view, await children, await predecessors, related, parties, notes, await commitmentStatuses, now, visibility);
    }

    /// <summary>The answer, from the agreement and what it joins, read today or folded as known at a past instant.</summary>
    internal static async Task<AgreementDetails> Details(AgreementView view, IReadOnlyList<AgreementView> childViews,
        IReadOnlyList<AgreementView> predecessorViews, IReadOnlyDictionary<Guid, AgreementView> relatedViews,
        IReadOnlyDictionary<Guid, Projections.Parties.PartyView> parties, IReadOnlyList<Projections.Common.NoteView> notes,
        IReadOnlyList<CommitmentStatus> commitmentStatuses, DateTimeOffset now, Access.Visibility visibility)
    {
        var seen = await visibility.Visible(Access.ScopedKind.Agreement,
            [.. view.SupersededBy, .. view.ParentAgreementId is { } p ? [p] : Array.Empty<Guid>(),
             .. childViews.Select(a => a.Id), .. predecessorViews.Select(a => a.Id)]);
        var related = relatedViews.Where(r => seen.Contains(r.Key)).ToDictionary();

        AgreementLink Link(AgreementView a) => new(a.Id, a.Title, a.Kind, AgreementReading.StatusOf(a, now));
        var kids = childViews.Where(a => seen.Contains(a.Id)).ToList();
        var lineage = new Lineage(
            view.ParentAgreementId is { } parentId && related.GetValueOrDefault(parentId) is { } parent ? Link(parent) : null,
            [.. kids.Where(a => a.Kind == AgreementKind.Amendment).Select(Link)],
            [.. kids.Where(a => a.Kind != AgreementKind.Amendment).Select(Link)],
            [.. predecessorViews.Where(a => seen.Contains(a.Id)).Select(Link)],
            [.. view.SupersededBy.Select(related.GetValueOrDefault).OfType<AgreementView>().Select(Link)]);

        // After supersession or termination only surviving provisions stay in force.
        var ended = view.Status is AgreementStatus.Superseded or AgreementStatus.Terminated or AgreementStatus.Abandoned;
        var notSignedYet = view.Status == AgreementStatus.Draft;
        return new AgreementDetails(view.Id, view.Version, view.Title, view.Kind, AgreementReading.StatusOf(view, now), view.Status,
            view.Summary, view.Place, view.TimeZone, view.GoverningLaw, view.Source,
            AgreementReading.PartiesOn(view, parties),
            [.. view.Provisions.Select(p => new ProvisionInForce(p.Ref, p.Heading, p.Text, p.Binding, p.Survives,
                !notSignedYet && (!ended || (p.Survives && view.Status != AgreementStatus.Abandoned)), p.Amends))],
            [.. view.KeyDates.Select(k => KeyDateView.Of(k, view.TimeZone, now))],
            view.Signatures, view.SignedOn, view.EffectiveOn, view.ExpiresOn, view.Amendments, view.Ended, notes,
            commitmentStatuses.GroupBy(s => s.ToString()).ToDictionary(g => g.Key, g => g.Count()), lineage, view.DraftedAt,
            view.DraftedBy, view.LastChange);
    }
}
