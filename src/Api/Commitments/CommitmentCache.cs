using System.Collections.Concurrent;
using LoiTracker.Domain.Commitments;
using Marten;
using Marten.Services;

namespace LoiTracker.Api.Commitments;

/// <summary>
/// The delivery path's memory of commitments: the state a delivery decides on and the stream version it was read at.
/// A hit saves the two reads of the command; it can never make a wrong decision, because the append is made with the
/// cached version as its expected version, so PostgreSQL refuses it if anything was appended since (another node,
/// another command) and the delivery is then decided again on a fresh read (docs/adr/0010-the-delivery-command-path.md).
/// </summary>
public sealed class CommitmentCache(int capacity = 100_000)
{
    private readonly ConcurrentDictionary<Guid, (Commitment State, long Version)> _entries = new();
    public bool TryGet(Guid id, out Commitment state, out long version)
    {
        var found = _entries.TryGetValue(id, out var entry);
        (state, version) = entry;
        return found;
    }

    public void Remember(Commitment state, long version)
    {
        if (_entries.Count >= capacity) _entries.Clear();
        _entries[state.Id] = (state, version);
    }

    public void Forget(Guid id) => _entries.TryRemove(id, out _);
}

/// <summary>Forgets a cached commitment whenever anything else is appended to its stream in this process.</summary>
public sealed class ForgetChangedCommitments(CommitmentCache cache) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var stream in commit.GetStreams())
            if (stream.Events.Any(e => e.Data is not DeliveryRecorded))
                cache.Forget(stream.Id);
        return Task.CompletedTask;
    }
}
