using System.Security.Claims;
using LoiTracker.Api.Audit;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Notes;

namespace LoiTracker.Api.Agreements;

/// <summary>
/// An agreement as it was known at a past instant (<c>GET /api/agreements/{id}?asOf=</c>): it, the agreements around it,
/// its parties and its commitments (for the counts by status) folded to their versions then (ADR 18).
/// </summary>
public static class AgreementAsKnown
{
    public static async Task<AgreementDetails> Read(Guid id, PastRecords past, IQuerySession session, ClaimsPrincipal user,
        Access.Visibility visibility, Access.ReadLog reads, CancellationToken token)
    {
        // The agreements that existed then: lineage (children, predecessors) is judged among them. There are few.
        var all = await past.AgreementsOf((await past.AllAgreements(token)).Keys, token);
        var view = all.GetValueOrDefault(id) ?? throw new NotFound("Agreement", id);
        var children = all.Values.Where(a => a.ParentAgreementId == id).ToList();
        var predecessors = all.Values.Where(a => a.SupersededBy.Contains(id)).ToList();
        var parties = await past.PartiesOf(view.Parties.Select(p => p.PartyId), token);
        // A commitment never moves to another agreement: today's list of its commitments, folded as they were then.
        var ids = await (await visibility.Only(session.Query<CommitmentView>())).Where(c => c.AgreementId == id).Select(c => c.Id).ToListAsync(token);
        var versions = await past.VersionsOf(ids, token);
        var events = await past.Events(versions, token);
        var statuses = versions.Keys.Select(c => PastRecords.Commitment(c, events[c])).OfType<CommitmentView>().Select(c => c.Status).ToList();
        var privileged = user.May(Can.ReadPrivilegedNotes);
        var known = privileged ? await past.PrivilegedNotesKnown(id, token) : new HashSet<Guid>();
        var notes = (await NotesReading.For(session, view.Id, view.Notes, privileged, token))
            .Where(n => !n.Privileged || view.Notes.Contains(n) || known.Contains(n.Id)).ToList();
        return await GetAgreementEndpoint.Details(view, children, predecessors, all, parties, await reads.Shown(notes, token), statuses,
            past.At.JudgedAt, visibility);
    }
}
