using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Notes;
using LoiTracker.Domain.Parties;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Parties;
using Marten;

namespace LoiTracker.Api.Import;

/// <summary>
/// <see cref="ICommandContext"/> for an import: the store, with the bundle's items staged on top of it. Each item runs
/// the same use case as the request a person would send; what it decides is folded here, so the next item reads it,
/// and nothing is written until the whole bundle passed (<see cref="Write"/>). An item that is refused leaves nothing
/// staged behind (<see cref="Item"/>).
/// </summary>
public sealed class ImportContext(IDocumentSession session, DateTimeOffset now, CancellationToken token) : ICommandContext
{
    private sealed class Staged(Type type, bool isNew, object? state, Action<object[]>? appendToStore)
    {
        public Type Type { get; } = type;
        public bool IsNew { get; } = isNew;
        public object? State { get; set; } = state;
        public List<object> Events { get; } = [];
        public Action<object[]>? AppendToStore { get; } = appendToStore;
    }

    /// <summary>
    /// Small: what a page holds while it is sent outlives the collections that happen meanwhile and lingers in the heap;
    /// 100 streams are one round trip, and 500 grew the import's peak heap by a third (docs/benchmarks.md, import).
    /// </summary>
    private const int StreamsPerPage = 100;

    private readonly Dictionary<Guid, Staged> _streams = [];
    // The same streams by aggregate type: what signing an agreement looks through, without walking the whole bundle.
    private readonly Dictionary<Type, Dictionary<Guid, Staged>> _streamsOf = [];
    private readonly Dictionary<(Type, Guid), object?> _stored = [];
    private readonly Dictionary<Guid, Guid> _milestoneOwners = [];
    private readonly Dictionary<string, Guid> _nameKeys = [];
    private readonly HashSet<string> _existingNameKeys = [];
    private readonly HashSet<string> _checkedNameKeys = [];
    private List<Action>? _undo;

    public DateTimeOffset Now => now;
    public CancellationToken Token => token;

    /// <summary>Which of <paramref name="names"/> the store already holds, read in one query rather than one per party.</summary>
    public async Task KnowNames(IEnumerable<string> names)
    {
        var keys = names.Select(Domain.Parties.Party.NameKey).Distinct().Where(k => _checkedNameKeys.Add(k)).ToArray();
        if (keys.Length == 0) return;
        _existingNameKeys.UnionWith(await session.Query<PartyView>().Where(p => p.NameKey.IsOneOf(keys)).Select(p => p.NameKey).ToListAsync(token));
    }

    /// <summary>Runs one item's decisions: if they refuse, whatever the item staged is taken back.</summary>
    public async Task<bool> Item(Func<Task> decide, Action<Exception> refused)
    {
        _undo = [];
        try
        {
            await decide();
            return true;
        }
        catch (Exception e) when (e is RuleViolation or NotFound or Infrastructure.InvalidRequest)
        {
            for (var i = _undo.Count - 1; i >= 0; i--) _undo[i]();
            refused(e);
            return false;
        }
        finally
        {
            _undo = null;
        }
    }

    // ---- reads: what this import staged, else the store ------------------------------------------------------

    public async Task<Party?> Party(Guid id) => await Current<Party>(id);

    public async Task<IReadOnlyDictionary<Guid, string>> PartyNames(IEnumerable<Guid> ids)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var id in ids.Distinct())
            if (await Current<Party>(id) is { } party) names[id] = party.Name;
        return names;
    }

    public async Task<bool> PartyNameTaken(string name)
    {
        var key = Domain.Parties.Party.NameKey(name);
        if (_nameKeys.ContainsKey(key)) return true;
        if (!_checkedNameKeys.Contains(key)) await KnowNames([name]);
        return _existingNameKeys.Contains(key);
    }

    public Task<Agreement?> Agreement(Guid id) => Current<Agreement>(id);

    public Task<Condition?> Condition(Guid id) => Current<Condition>(id);

    public Task<Commitment?> Commitment(Guid id) => Current<Commitment>(id);

    public async Task<MilestoneRef?> Milestone(Guid id)
    {
        if (_milestoneOwners.TryGetValue(id, out var owner) && await Current<Commitment>(owner) is { } commitment &&
            commitment.FindMilestone(id) is { } staged)
            return new MilestoneRef(id, owner, staged.Title, staged.CompletedOn);
        return await session.LoadAsync<MilestoneView>(id, token) is { } m ? new MilestoneRef(m.Id, m.CommitmentId, m.Title, m.CompletedOn) : null;
    }

    public async Task<DependencyGraph> UpstreamOf(Guid commitmentId)
    {
        var graph = new DependencyGraph();
        var seen = new HashSet<Guid> { commitmentId };
        var queue = new Queue<Guid>([commitmentId]);
        while (queue.Count > 0)
        {
            if (await Current<Commitment>(queue.Dequeue()) is not { } commitment) continue;
            graph.Name(commitment.Id, commitment.Title);
            foreach (var dependency in commitment.Dependencies)
            {
                var needs = dependency.DependsOnCommitmentId ?? (await Milestone(dependency.DependsOnMilestoneId!.Value))?.CommitmentId;
                if (needs is not { } target) continue;
                graph.Add(commitment.Id, commitment.Title, target);
                if (seen.Add(target)) queue.Enqueue(target);
            }
        }
        return graph;
    }

    public async Task<IReadOnlyList<Condition>> ConditionsSatisfiedBySigning(Guid agreementId)
    {
        var found = StagedStates<Condition>().Where(c => c.SatisfiedWhenAgreementSigned == agreementId && c.Status == ConditionStatus.Open).ToList();
        if (!IsNew(agreementId))
            found.AddRange(Unstaged(await session.Query<Condition>()
                .Where(c => c.SatisfiedWhenAgreementSigned == agreementId && c.Status == ConditionStatus.Open).ToListAsync(token)));
        return found;
    }

    public async Task<IReadOnlyList<Commitment>> ProposedCommitmentsUnder(Guid agreementId)
    {
        var found = StagedStates<Commitment>().Where(c => c.AgreementId == agreementId && c.Status == CommitmentStatus.Proposed).ToList();
        if (!IsNew(agreementId))
            found.AddRange(Unstaged(await session.Query<Commitment>()
                .Where(c => c.AgreementId == agreementId && c.Status == CommitmentStatus.Proposed).ToListAsync(token)));
        return found;
    }

    public async Task<IReadOnlyList<Commitment>> ProposedCommitmentsWaitingOn(IReadOnlyCollection<Guid> conditionIds)
    {
        var found = StagedStates<Commitment>().Where(c => c.Status == CommitmentStatus.Proposed && c.ConditionIds.Any(conditionIds.Contains)).ToList();
        foreach (var conditionId in conditionIds.Where(id => !IsNew(id)))
            found.AddRange(Unstaged(await session.Query<Commitment>()
                .Where(c => c.Status == CommitmentStatus.Proposed && c.ConditionIds.Contains(conditionId)).ToListAsync(token)));
        return found.DistinctBy(c => c.Id).ToList();
    }

    // ---- writes: staged, then written by Write() in one transaction --------------------------------------------

    public async Task<T?> ForWriting<T>(Guid id) where T : class
    {
        if (_streams.TryGetValue(id, out var staged)) return staged.State as T;
        var stream = await session.Events.FetchForWriting<T>(id, token);
        if (stream.Aggregate is null) return null;
        var version = stream.StartingVersion ?? 0;
        // Appended at the version it was read at, checked at commit. Not through the fetched stream: once a page was
        // sent (Write), the session no longer holds it, and whatever it was given would be dropped.
        Stage(id, new Staged(typeof(T), false, stream.Aggregate,
            events => session.Events.Append(id, version + events.Length, events).AggregateType = typeof(T)));
        return stream.Aggregate;
    }

    public void Append(Guid streamId, IEnumerable<object> events)
    {
        var staged = _streams.GetValueOrDefault(streamId)
                     ?? throw new InvalidOperationException($"Stream {streamId} was not fetched for writing before appending to it.");
        foreach (var e in events)
        {
            var before = staged.State;
            staged.Events.Add(e);
            staged.State = Fold(streamId, staged.State, e);
            Noted(staged, streamId, e);
            _undo?.Add(() =>
            {
                staged.Events.RemoveAt(staged.Events.Count - 1);
                staged.State = before;
            });
        }
    }

    public void StartStream<T>(Guid id, IReadOnlyList<object> events) where T : class
    {
        var staged = new Staged(typeof(T), true, null, null);
        Stage(id, staged);
        _undo?.Add(() =>
        {
            _streams.Remove(id);
            _streamsOf[typeof(T)].Remove(id);
        });
        Append(id, events);
    }

    public bool IsNew(Guid id) => _streams.TryGetValue(id, out var staged) && staged.IsNew;

    public bool HasChanges => _streams.Values.Any(s => s.Events.Count > 0);

    /// <summary>
    /// Hands every staged stream to the session: new streams started, existing ones appended at the version they were
    /// read at. With <paramref name="sendPage"/> (the session is inside a transaction its caller commits), a page of
    /// streams at a time: Marten compares each document it queues with every one queued before in its unit of work.
    /// </summary>
    public async Task Write(Func<CancellationToken, Task>? sendPage)
    {
        var inPage = 0;
        foreach (var (id, staged) in _streams)
        {
            if (staged.Events.Count == 0) continue;
            if (!staged.IsNew) staged.AppendToStore!([.. staged.Events]);
            else if (staged.Type == typeof(Party)) session.Events.StartStream<Party>(id, [.. staged.Events]);
            else if (staged.Type == typeof(Agreement)) session.Events.StartStream<Agreement>(id, [.. staged.Events]);
            else if (staged.Type == typeof(Condition)) session.Events.StartStream<Condition>(id, [.. staged.Events]);
            else if (staged.Type == typeof(PrivilegedNotes)) session.Events.StartStream<PrivilegedNotes>(id, [.. staged.Events]);
            else session.Events.StartStream<Commitment>(id, [.. staged.Events]);
            // Handed over: what was staged is the session's now, and garbage once its page is sent.
            staged.Events.Clear();
            staged.State = null;
            if (sendPage is not null && ++inPage == StreamsPerPage)
            {
                await sendPage(token);
                inPage = 0;
            }
        }
    }

    private void Noted(Staged staged, Guid streamId, object e)
    {
        switch (e)
        {
            case MilestonePlanned planned:
                _milestoneOwners[planned.MilestoneId] = streamId;
                _undo?.Add(() => _milestoneOwners.Remove(planned.MilestoneId));
                break;
            case PartyRegistered registered:
                var key = Domain.Parties.Party.NameKey(registered.Name);
                _nameKeys[key] = streamId;
                _undo?.Add(() => _nameKeys.Remove(key));
                break;
        }
        _ = staged;
    }

    private static object Fold(Guid streamId, object? state, object e) => (state, e) switch
    {
        (null, PrivilegedNoteAdded first) => PrivilegedNotes.From(streamId, first),
        (PrivilegedNotes notes, _) => notes.When(e),
        (null, PartyRegistered registered) => Domain.Parties.Party.From(registered),
        (Party party, _) => party.When(e),
        (null, AgreementDrafted drafted) => Domain.Agreements.Agreement.From(drafted),
        (Agreement agreement, _) => agreement.When(e),
        (null, ConditionRecorded recorded) => Domain.Conditions.Condition.From(recorded),
        (Condition condition, _) => condition.When(e),
        (null, CommitmentMade made) => Domain.Commitments.Commitment.From(made),
        (Commitment commitment, _) => commitment.When(e),
        _ => throw new InvalidOperationException($"A stream cannot start with {e.GetType().Name}.")
    };

    private void Stage(Guid id, Staged staged)
    {
        _streams[id] = staged;
        if (!_streamsOf.TryGetValue(staged.Type, out var ofType)) _streamsOf[staged.Type] = ofType = [];
        ofType[id] = staged;
    }

    private IEnumerable<T> StagedStates<T>() where T : class =>
        _streamsOf.TryGetValue(typeof(T), out var ofType) ? ofType.Values.Select(s => s.State).OfType<T>() : [];

    private IEnumerable<T> Unstaged<T>(IEnumerable<T> stored) where T : class =>
        stored.Where(s => !_streams.ContainsKey(IdOf(s)));

    private static Guid IdOf(object aggregate) => aggregate switch
    {
        Party p => p.Id, Agreement a => a.Id, Condition c => c.Id, Commitment c => c.Id, PrivilegedNotes n => n.Id,
        _ => throw new InvalidOperationException($"{aggregate.GetType().Name} is not an aggregate.")
    };

    private async Task<T?> Current<T>(Guid id) where T : class
    {
        if (_streams.TryGetValue(id, out var staged)) return staged.State as T;
        if (_stored.TryGetValue((typeof(T), id), out var stored)) return stored as T;
        var loaded = await session.LoadAsync<T>(id, token);
        _stored[(typeof(T), id)] = loaded;
        return loaded;
    }
}
