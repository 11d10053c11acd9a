namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// Commands on one stream take turns within this process (striped over 1,024 locks), so they do not race each other
/// into conflicts: fifty notes sent at once to one commitment are applied one after another. Across processes the
/// append's version check still decides, and the loser is decided again on a fresh read (<see cref="Writes"/>).
/// Each command holds one turn at a time, for its own stream only, so turns cannot deadlock.
/// </summary>
public sealed class StreamTurns
{
    private readonly SemaphoreSlim[] _turns = [.. Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> Take(Guid streamId, CancellationToken token)
    {
        var turn = _turns[(streamId.GetHashCode() & int.MaxValue) % _turns.Length];
        await turn.WaitAsync(token);
        return new Turn(turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) turn.Release();
        }
    }
}
