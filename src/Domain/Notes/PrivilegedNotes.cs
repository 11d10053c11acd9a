using System.Security.Cryptography;

namespace LoiTracker.Domain.Notes;

/// <summary>A privileged note (legal advice) on an agreement or a commitment, written to the record's notes stream, never to the record's own.</summary>
public sealed record PrivilegedNoteAdded(Guid RecordId, string RecordKind, Guid NoteId, string Text);

/// <summary>Every event type a privileged-notes stream holds.</summary>
public static class PrivilegedNoteEvents
{
    public static readonly Type[] All = [typeof(PrivilegedNoteAdded)];
}

/// <summary>
/// The privileged notes of one record, in a stream of their own (docs/adr/0002-stream-boundaries.md): adding one
/// changes nothing a viewer can see on the record (its version, its last change), so a viewer cannot learn that legal
/// advice was written, by whom or when.
/// </summary>
public sealed record PrivilegedNotes(Guid Id, Guid RecordId, string RecordKind, int Count)
{
    /// <summary>The notes stream of a record: derived from the record's id, so it is found without an index.</summary>
    public static Guid StreamFor(Guid recordId)
    {
        Span<byte> input = stackalloc byte[32];
        "privileged-notes"u8.CopyTo(input);
        recordId.TryWriteBytes(input[16..]);
        var hash = SHA256.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: a name-based id of our own
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>Adds a privileged note to <paramref name="recordId"/>'s notes stream, started with the first note.</summary>
    public static async Task Add(ICommandContext context, Guid recordId, string recordKind, Guid noteId, string text)
    {
        var streamId = StreamFor(recordId);
        IReadOnlyList<object> added = [new PrivilegedNoteAdded(recordId, recordKind, noteId, text.Trim())];
        if (await context.ForWriting<PrivilegedNotes>(streamId) is null) context.StartStream<PrivilegedNotes>(streamId, added);
        else context.Append(streamId, added);
    }

    public static PrivilegedNotes From(Guid streamId, PrivilegedNoteAdded first) => new(streamId, first.RecordId, first.RecordKind, 1);

    public PrivilegedNotes When(object e) => e is PrivilegedNoteAdded ? this with { Count = Count + 1 } : this;
}
