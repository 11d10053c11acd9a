using System.Data;
using System.Security.Claims;
using System.Text.Json;
using JasperFx;
using LoiTracker.Domain.Common;
using Marten;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;

namespace LoiTracker.Api.Infrastructure;

/// <summary>Decides a command on the state of its stream, reading and writing other streams through the context.</summary>
public delegate Task<IReadOnlyList<object>> Decision<in T>(T state, ICommandContext context);

/// <summary>Decides a command that starts a stream.</summary>
public delegate Task<IReadOnlyList<object>> Opening(ICommandContext context);

/// <summary>
/// What one attempt of a command produced, ready to commit: its answer, and what to do once it committed or failed
/// (the delivery path's cache).
/// </summary>
public sealed record Attempt<TResult>(TResult Result, Action? AfterCommit = null, Action? AfterFailure = null)
{
    /// <summary>False when the attempt decided there is nothing to write (a bundle rejected or with nothing new): no key is claimed.</summary>
    public bool Writes { get; init; } = true;
}

/// <summary>
/// The one write path of the Api (docs/adr/0011-one-write-path.md, 0015-honest-under-faults.md). Every command runs
/// here: a fresh session per attempt with who, why and from what source on every event; its stream fetched for
/// writing and its version taken from the stream, checked against <c>expectedVersion</c> or <c>If-Match</c> (409 naming
/// the current version); the use case's decision; the <c>Idempotency-Key</c> claimed in the same transaction; one
/// commit, whose outcome is never claimed beyond what is known. Without an expected version a command is applied:
/// commands on one stream take turns in this process, and a race with another process is decided again on a fresh
/// read, up to three attempts.
/// </summary>
public sealed class Writes(IDocumentStore store, IHttpContextAccessor http, TimeProvider clock, StreamTurns turns, IConfiguration configuration,
    Access.Visibility visibility)
{
    public const int Attempts = 3;

    private static readonly JsonSerializerOptions Answers = Json.Options;

    /// <summary>A command on stream <paramref name="id"/>: 200 with the version the next <c>expectedVersion</c> needs.</summary>
    public Task<Applied> On<T>(Guid id, object command, Decision<T> decide) where T : class =>
        Execute(id, command, typeof(T).Name, async (session, _) => new Attempt<Applied>(new Applied(id, await Append(session, id, command, decide))));

    /// <summary>A command on stream <paramref name="id"/> that creates something inside it (a milestone, a dependency): 201.</summary>
    public Task<Created> AddTo<T>(Guid id, object command, Guid newId, string location, Decision<T> decide) where T : class =>
        Execute(id, command, typeof(T).Name,
            async (session, _) => new Attempt<Created>(new Created(newId, await Append(session, id, command, decide), location)));

    /// <summary>A command that starts stream <paramref name="newId"/>: 201 with its location.</summary>
    public Task<Created> Start<T>(Guid newId, object command, string location, Opening decide) where T : class =>
        Execute<Created>(null, command, typeof(T).Name, async (session, _) =>
        {
            var events = await decide(new StoredCommandContext(session, clock.GetUtcNow(), Token, visibility));
            session.Events.StartStream<T>(newId, [.. events]);
            return new Attempt<Created>(new Created(newId, events.Count, location));
        });

    /// <summary>A command on stream <paramref name="streamId"/> whose attempt does its own reading and appending (the delivery path).</summary>
    public Task<TResult> Retrying<TResult>(Guid streamId, object command, string what, Func<IDocumentSession, int, Task<Attempt<TResult>>> attempt)
        where TResult : notnull => Execute(streamId, command, what, attempt);

    /// <summary>
    /// A write across many streams that answers with a report (an import): idempotent and honest like every other. Its
    /// session works inside a transaction that is committed once, after the attempt; so the attempt may send its work in
    /// pages (<c>SaveChangesAsync</c>) and still writes all or nothing. Pages keep Marten's unit of work small: it
    /// compares each document it queues with every one queued before, which grows with the square of a bundle.
    /// </summary>
    public Task<TResult> Batch<TResult>(object command, Func<IDocumentSession, int, Task<Attempt<TResult>>> attempt) where TResult : notnull =>
        Execute(null, command, "Batch", attempt, inOneTransaction: true);

    /// <summary>The version the command was decided on: <c>expectedVersion</c> in its body, or its <c>If-Match</c> header.</summary>
    public long? ExpectedVersion(object command) => ETags.ExpectedVersion(command, http.HttpContext);

    private async Task<TResult> Execute<TResult>(Guid? streamId, object command, string what,
        Func<IDocumentSession, int, Task<Attempt<TResult>>> attempt, bool inOneTransaction = false) where TResult : notnull
    {
        var token = Token;
        var context = http.HttpContext;
        var key = Idempotency.KeyOf(context);
        var subject = context?.User.FindFirstValue("sub");
        string? recordId = null, fingerprint = null;
        var expiredClaim = false;
        if (key is not null && subject is not null)
        {
            recordId = Idempotency.IdOf(subject, key);
            fingerprint = Idempotency.FingerprintOf(context!, command);
            var (earlier, expired) = await Claimed(recordId, token);
            if (earlier is not null) return Replay<TResult>(earlier, fingerprint);
            expiredClaim = expired;
        }

        var expected = ExpectedVersion(command);
        using var turn = streamId is { } stream ? await turns.Take(stream, token) : null;
        for (var number = 1; ; number++)
        {
            await using var transaction = inOneTransaction ? await BatchTransaction.Begin(store, token) : null;
            await using var session = Session(command, transaction?.Options);
            Attempt<TResult>? done = null;
            try
            {
                done = await attempt(session, number);
                if (!done.Writes) return done.Result;
                // A scoped user creates nothing it could not see afterwards (ADR 16): checked on what is about to commit.
                await Access.NewRecords.MustStayInScope(visibility, session);
                if (recordId is not null) Claim(session, recordId, subject!, key!, fingerprint!, done.Result, expiredClaim);
                await Commit(session, transaction, token);
                done.AfterCommit?.Invoke();
                return done.Result;
            }
            catch (ConcurrencyException) when (streamId is { } raced)
            {
                done?.AfterFailure?.Invoke();
                var current = await CurrentVersion(raced, token);
                if (expected is not null && current != expected || number == Attempts)
                    throw new StaleVersion(what, raced, expected, current ?? 0);
                // Lost a race (on this stream without an expected version, or on another stream the command also writes).
                await Task.Delay(Random.Shared.Next(1, 5 * number), token);
            }
            catch (DocumentAlreadyExistsException) when (recordId is not null || number < Attempts)
            {
                done?.AfterFailure?.Invoke();
                // The same key was claimed by a request that committed first: answer what it answered.
                if (recordId is not null && (await Claimed(recordId, token)).Live is { } earlier) return Replay<TResult>(earlier, fingerprint!);
                // Another unique key was taken at the same moment (two imports of one bundle): decide again on what is there now.
                if (number == Attempts) throw;
            }
            catch
            {
                done?.AfterFailure?.Invoke();
                throw;
            }
        }
    }

    private async Task<long> Append<T>(IDocumentSession session, Guid id, object command, Decision<T> decide) where T : class
    {
        var token = Token;
        var stream = await session.Events.FetchForWriting<T>(id, token);
        if (stream.Aggregate is null) throw new NotFound(typeof(T).Name, id);
        var version = stream.StartingVersion ?? 0;
        Versioning.Expect(ExpectedVersion(command), version, typeof(T).Name, id);

        var context = new StoredCommandContext(session, clock.GetUtcNow(), token, visibility);
        context.Own(id, stream);
        var events = await decide(stream.Aggregate, context);
        stream.AppendMany([.. events]);
        return version + events.Count;
    }

    /// <summary>
    /// Commits, and when the connection breaks while committing, finds out whether the write was recorded (one of its
    /// events at its place in its stream): recorded, the answer stands; otherwise nobody can say, and the client is told so.
    /// </summary>
    private async Task Commit(IDocumentSession session, BatchTransaction? transaction, CancellationToken token)
    {
        try
        {
            await session.SaveChangesAsync(token);
            if (transaction is not null) await transaction.Commit(token);
        }
        catch (Exception e) when (DatabaseFailures.IsUnreachable(e))
        {
            // A batch's pages have left the session: the first event it sent stands for all of them.
            var probe = transaction?.FirstEventSent is { } sent ? sent : FirstEvent(session);
            if (probe.Stream != Guid.Empty && await WasRecorded(probe.Stream, probe.Event)) return;
            throw new OutcomeUnknown(e);
        }
    }

    private static (Guid Stream, Guid Event) FirstEvent(IDocumentSession session) =>
        session.PendingChanges.Streams().SelectMany(s => s.Events.Select(ev => (Stream: s.Id, Event: ev.Id)))
            .FirstOrDefault(p => p.Event != Guid.Empty);

    /// <summary>
    /// The one transaction of a batch, on a connection of its own: the session sends pages into it without committing
    /// (Marten leaves a transaction it was handed to its owner), and the batch commits it once.
    /// </summary>
    private sealed class BatchTransaction : DocumentSessionListenerBase, IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;

        private BatchTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
        {
            _connection = connection;
            _transaction = transaction;
            Options = SessionOptions.ForTransaction(transaction).ListenAt(this);
        }

        public SessionOptions Options { get; }

        /// <summary>The first event of the first page, noted as it is sent (its id is given then).</summary>
        public (Guid Stream, Guid Event)? FirstEventSent { get; private set; }

        public static async Task<BatchTransaction> Begin(IDocumentStore store, CancellationToken token)
        {
            var connection = store.Storage.Database.CreateConnection();
            try
            {
                await connection.OpenAsync(token);
                return new BatchTransaction(connection, await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, token));
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            if (FirstEventSent is null && FirstEvent(session) is { Stream: var stream } first && stream != Guid.Empty) FirstEventSent = first;
            return Task.CompletedTask;
        }

        public Task Commit(CancellationToken token) => _transaction.CommitAsync(token);

        public async ValueTask DisposeAsync()
        {
            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }

    private async Task<bool> WasRecorded(Guid streamId, Guid eventId)
    {
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await using var query = store.QuerySession();
            // By stream id (indexed), then the event's own id: only this write's event answers yes.
            var found = await query.QueryAsync<int>(
                $"select 1 from {store.Options.Events.DatabaseSchemaName}.mt_events where stream_id = ? and id = ? limit 1", deadline.Token,
                streamId, eventId);
            return found.Count > 0;
        }
        catch (Exception e) when (DatabaseFailures.IsUnreachable(e) || e is OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<(IdempotencyRecord? Live, bool Expired)> Claimed(string recordId, CancellationToken token)
    {
        await using var query = store.QuerySession();
        var record = await query.LoadAsync<IdempotencyRecord>(recordId, token);
        if (record is null) return (null, false);
        return record.ClaimedAt + Idempotency.Retention(configuration) <= clock.GetUtcNow() ? (null, true) : (record, false);
    }

    private void Claim<TResult>(IDocumentSession session, string recordId, string subject, string key, string fingerprint, TResult result,
        bool replacingExpired) where TResult : notnull
    {
        if (replacingExpired) session.Delete<IdempotencyRecord>(recordId);
        session.Insert(new IdempotencyRecord
        {
            Id = recordId, Subject = subject, Key = key, Fingerprint = fingerprint, Status = result is Created ? 201 : 200,
            Body = JsonSerializer.Serialize(result, result.GetType(), Answers), Location = (result as Created)?.Location,
            ClaimedAt = clock.GetUtcNow()
        });
    }

    /// <summary>The first answer, again: nothing is written. The same key with another request is a 422.</summary>
    private TResult Replay<TResult>(IdempotencyRecord earlier, string fingerprint)
    {
        if (earlier.Fingerprint != fingerprint) throw new KeyReused();
        if (http.HttpContext is { } context) context.Response.Headers["Idempotent-Replayed"] = "true";
        var answer = JsonSerializer.Deserialize<TResult>(earlier.Body, Answers)!;
        return answer is Created created ? (TResult)(object)(created with { Location = earlier.Location ?? "" }) : answer;
    }

    private async Task<long?> CurrentVersion(Guid id, CancellationToken token)
    {
        await using var query = store.QuerySession();
        return (await query.Events.FetchStreamStateAsync(id, token))?.Version;
    }

    private CancellationToken Token => http.HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>A session that puts who, why and from what source on every event (domain.md: metadata per event).</summary>
    public IDocumentSession Session(object command, SessionOptions? options = null)
    {
        var session = options is null ? store.LightweightSession() : store.LightweightSession(options);
        if (http.HttpContext is { } context) CommandProvenance.Record(session, context, command);
        return session;
    }

}
