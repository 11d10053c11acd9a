using JasperFx;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Common;
using Marten;

namespace LoiTracker.Api.Infrastructure;

/// <summary>Decides a command on the state of its stream, reading and writing other streams through the context.</summary>
public delegate Task<IReadOnlyList<object>> Decision<in T>(T state, ICommandContext context);

/// <summary>Decides a command that starts a stream.</summary>
public delegate Task<IReadOnlyList<object>> Opening(ICommandContext context);

/// <summary>
/// The one write path of the Api (docs/adr/0011-one-write-path.md). Every command runs here: a fresh session per
/// attempt with who, why and from what source on every event; its stream fetched for writing and its version taken
/// from the stream, checked against <c>expectedVersion</c> (409 naming the current version when it is behind); the
/// use case's decision; one commit. Without <c>expectedVersion</c> a command is applied: commands on one stream take
/// turns in this process, and a race with another process is decided again on a fresh read, up to three attempts.
/// </summary>
public sealed class Writes(IDocumentStore store, IHttpContextAccessor http, TimeProvider clock, StreamTurns turns)
{
    public const int Attempts = 3;

    /// <summary>A command on stream <paramref name="id"/>: 200 with the version the next <c>expectedVersion</c> needs.</summary>
    public async Task<Applied> On<T>(Guid id, object command, Decision<T> decide) where T : class
    {
        var version = await Append(id, command, decide);
        return new Applied(id, version);
    }

    /// <summary>A command on stream <paramref name="id"/> that creates something inside it (a milestone, a dependency): 201.</summary>
    public async Task<Created> AddTo<T>(Guid id, object command, Guid newId, string location, Decision<T> decide) where T : class
    {
        var version = await Append(id, command, decide);
        return new Created(newId, version, location);
    }

    /// <summary>A command that starts stream <paramref name="newId"/>: 201 with its location.</summary>
    public async Task<Created> Start<T>(Guid newId, object command, string location, Opening decide) where T : class
    {
        var token = Token;
        await using var session = Session(command);
        var context = new StoredCommandContext(session, clock.GetUtcNow(), token);
        var events = await decide(context);
        session.Events.StartStream<T>(newId, [.. events]);
        await session.SaveChangesAsync(token);
        return new Created(newId, events.Count, location);
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it commits, each time with a fresh session: a race lost without an
    /// expected version is decided again, up to <see cref="Attempts"/> times. The delivery path runs through here too.
    /// </summary>
    public async Task<TResult> Retrying<TResult>(Guid streamId, object command, string what, Func<IDocumentSession, int, Task<TResult>> attempt)
    {
        var token = Token;
        var expected = ExpectedVersion(command);
        using var turn = await turns.Take(streamId, token);
        for (var number = 1; ; number++)
        {
            try
            {
                await using var session = Session(command);
                return await attempt(session, number);
            }
            catch (ConcurrencyException)
            {
                var current = await CurrentVersion(streamId);
                if (expected is not null && current != expected || number == Attempts)
                    throw new StaleVersion(what, streamId, expected, current ?? 0);
                // Lost a race (on this stream without an expected version, or on another stream the command also writes).
                await Task.Delay(Random.Shared.Next(1, 5 * number), token);
            }
        }
    }

    private Task<long> Append<T>(Guid id, object command, Decision<T> decide) where T : class =>
        Retrying(id, command, typeof(T).Name, async (session, _) =>
        {
            var token = Token;
            var stream = await session.Events.FetchForWriting<T>(id, token);
            if (stream.Aggregate is null) throw new NotFound(typeof(T).Name, id);
            var version = stream.StartingVersion ?? 0;
            Versioning.Expect(ExpectedVersion(command), version, typeof(T).Name, id);

            var context = new StoredCommandContext(session, clock.GetUtcNow(), token);
            context.Own(id, stream);
            var events = await decide(stream.Aggregate, context);
            stream.AppendMany([.. events]);
            await session.SaveChangesAsync(token);
            return version + events.Count;
        });

    /// <summary>The version the command was decided on: <c>expectedVersion</c> in its body, or its <c>If-Match</c> header.</summary>
    public long? ExpectedVersion(object command) => ETags.ExpectedVersion(command, http.HttpContext);

    private async Task<long?> CurrentVersion(Guid id)
    {
        await using var query = store.QuerySession();
        return (await query.Events.FetchStreamStateAsync(id, Token))?.Version;
    }

    private CancellationToken Token => http.HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>A session that puts who, why and from what source on every event (domain.md: metadata per event).</summary>
    public IDocumentSession Session(object command)
    {
        var session = store.LightweightSession();
        if (http.HttpContext is { } context) CommandProvenance.Record(session, context, command);
        return session;
    }
}
