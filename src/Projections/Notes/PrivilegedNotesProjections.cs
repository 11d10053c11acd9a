using LoiTracker.Domain.Notes;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Notes;

/// <summary>The notes aggregate the command appends to, kept inline.</summary>
public partial class PrivilegedNotesProjection : SingleStreamProjection<PrivilegedNotes, Guid>
{
    public PrivilegedNotesProjection()
    {
        this.Folds(typeof(PrivilegedNotes), PrivilegedNoteEvents.All);
    }

    public override PrivilegedNotes? Evolve(PrivilegedNotes? snapshot, Guid id, IEvent e) =>
        snapshot is null ? e.Data is PrivilegedNoteAdded first ? PrivilegedNotes.From(id, first) : null : snapshot.When(e.Data);
}

/// <summary>A record's privileged notes as legal and admin read them; nobody else's read ever loads this document.</summary>
public sealed class PrivilegedNotesView
{
    public Guid Id { get; set; }
    public Guid RecordId { get; set; }
    public List<NoteView> Notes { get; set; } = [];
}

public partial class PrivilegedNotesViewProjection : SingleStreamProjection<PrivilegedNotesView, Guid>
{
    public PrivilegedNotesViewProjection()
    {
        this.Folds(typeof(PrivilegedNotes), PrivilegedNoteEvents.All);
    }

    public override PrivilegedNotesView? Evolve(PrivilegedNotesView? view, Guid id, IEvent e)
    {
        if (e.Data is not PrivilegedNoteAdded added) return view;
        view ??= new PrivilegedNotesView { Id = id, RecordId = added.RecordId };
        view.Notes.Add(new NoteView(added.NoteId, added.Text, true, Provenance.RecordedAt(e), Provenance.ActorNameOf(e)));
        return view;
    }
}

public static class NotesReading
{
    /// <summary>
    /// The notes a reader sees on a record: the plain ones, and for legal and admin the privileged ones from the record's
    /// notes stream (and any written on the record itself before notes had a stream of their own), oldest first.
    /// </summary>
    public static async Task<IReadOnlyList<NoteView>> For(IQuerySession session, Guid recordId, IEnumerable<NoteView> onRecord, bool privileged,
        CancellationToken token)
    {
        var plain = onRecord.Where(n => privileged || !n.Privileged).ToList();
        if (!privileged) return plain;
        var kept = await session.LoadAsync<PrivilegedNotesView>(Domain.Notes.PrivilegedNotes.StreamFor(recordId), token);
        return [.. plain.Concat(kept?.Notes ?? []).OrderBy(n => n.AddedAt)];
    }
}
