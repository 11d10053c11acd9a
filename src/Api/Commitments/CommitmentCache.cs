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
    private readonly SemaphoreSlim[] _turns = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// Deliveries to one commitment take turns within this process (striped over 256 locks), so they do not race each
    /// other into conflicts; across processes the append's version check still decides.
    /// </summary>
    public async Task<IDisposable> TakeTurn(Guid id, CancellationToken token)
    {
        var turn = _turns[(id.GetHashCode() & int.MaxValue) % _turns.Length];
        await turn.WaitAsync(token);
        return new Turn(turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn.Release();
    }

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
