using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Parties;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Parties;
using Marten;
using JasperFx.Events;
using Marten.Events;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// <see cref="ICommandContext"/> over the store, for one attempt of one request: every read by id or through an
/// index, every other stream fetched for writing so its append is checked at commit. For a scoped user, what the body
/// refers to is looked up through its <see cref="Access.Visibility"/>: what it does not see reads as not there (ADR 16),
/// while what the rules read on their own (conditions a signing satisfies, commitments it activates) is read whole.
/// </summary>
public sealed class StoredCommandContext(IDocumentSession session, DateTimeOffset now, CancellationToken token, Access.Visibility? visibility = null)
    : ICommandContext
{
    private readonly Dictionary<Guid, (object Stream, Action<object[]> Append)> _writing = [];

    public DateTimeOffset Now => now;
    public CancellationToken Token => token;

    /// <summary>The command's own stream: another use of it in the same command appends to the same stream.</summary>
    public void Own<T>(Guid id, IEventStream<T> stream) where T : class => _writing[id] = (stream, events => stream.AppendMany(events));

    public async Task<Party?> Party(Guid id) => await Seen(Access.ScopedKind.Party, id) ? await session.LoadAsync<Party>(id, token) : null;

    public async Task<IReadOnlyDictionary<Guid, string>> PartyNames(IEnumerable<Guid> ids)
    {
        var wanted = ids.Distinct().ToArray();
        if (wanted.Length == 0) return new Dictionary<Guid, string>();
        return (await session.LoadManyAsync<Party>(token, wanted)).ToDictionary(p => p.Id, p => p.Name);
    }

    public async Task<bool> PartyNameTaken(string name)
    {
        var key = Domain.Parties.Party.NameKey(name);
        return await session.Query<PartyView>().AnyAsync(p => p.NameKey == key, token);
    }

    public async Task<Agreement?> Agreement(Guid id) => await Seen(Access.ScopedKind.Agreement, id) ? await Current<Agreement>(id) : null;

    public async Task<Condition?> Condition(Guid id) => await Seen(Access.ScopedKind.Condition, id) ? await Current<Condition>(id) : null;

    public async Task<Commitment?> Commitment(Guid id) => await Seen(Access.ScopedKind.Commitment, id) ? await Current<Commitment>(id) : null;

    public async Task<MilestoneRef?> Milestone(Guid id) =>
        await session.LoadAsync<MilestoneView>(id, token) is { } m && await Seen(Access.ScopedKind.Commitment, m.CommitmentId)
            ? new MilestoneRef(m.Id, m.CommitmentId, m.Title, m.CompletedOn)
            : null;

    // Streams this command already fetched for writing were reached through what the user sees (its route, its references).
    private async Task<bool> Seen(Access.ScopedKind kind, Guid id) =>
        visibility is null || _writing.ContainsKey(id) || await visibility.Sees(kind, id);

    public async Task<DependencyGraph> UpstreamOf(Guid commitmentId)
    {
        // Level by level up the chain of what each commitment needs: as many reads as the chain is long, each by id.
        var graph = new DependencyGraph();
        var seen = new HashSet<Guid> { commitmentId };
        Guid[] frontier = [commitmentId];
        while (frontier.Length > 0)
        {
            var commitments = await session.LoadManyAsync<Commitment>(token, frontier);
            var milestoneIds = commitments.SelectMany(c => c.Dependencies).Select(d => d.DependsOnMilestoneId).OfType<Guid>().Distinct().ToArray();
            var owners = milestoneIds.Length == 0
                ? new Dictionary<Guid, Guid>()
                : (await session.LoadManyAsync<MilestoneView>(token, milestoneIds)).ToDictionary(m => m.Id, m => m.CommitmentId);
            var next = new List<Guid>();
            var seenByUser = visibility is null ? null : await visibility.Visible(Access.ScopedKind.Commitment, commitments.Select(c => c.Id));
            foreach (var commitment in commitments)
            {
                // A cycle is refused whatever the user sees, but its message names only what the user sees.
                var title = seenByUser is null || seenByUser.Contains(commitment.Id) ? commitment.Title : "a commitment outside your scope";
                graph.Name(commitment.Id, title);
                foreach (var dependency in commitment.Dependencies)
                {
                    var needs = dependency.DependsOnCommitmentId ?? owners.GetValueOrDefault(dependency.DependsOnMilestoneId!.Value);
                    if (needs == Guid.Empty) continue;
                    graph.Add(commitment.Id, title, needs);
                    if (seen.Add(needs)) next.Add(needs);
                }
            }
            frontier = [.. next];
        }
        return graph;
    }

    public async Task<IReadOnlyList<Condition>> ConditionsSatisfiedBySigning(Guid agreementId) =>
        await session.Query<Condition>()
            .Where(c => c.SatisfiedWhenAgreementSigned == agreementId && c.Status == ConditionStatus.Open).ToListAsync(token);

    public async Task<IReadOnlyList<Commitment>> ProposedCommitmentsUnder(Guid agreementId) =>
        await session.Query<Commitment>()
            .Where(c => c.AgreementId == agreementId && c.Status == CommitmentStatus.Proposed).ToListAsync(token);

    public async Task<IReadOnlyList<Commitment>> ProposedCommitmentsWaitingOn(IReadOnlyCollection<Guid> conditionIds)
    {
        var found = new List<Commitment>();
        foreach (var conditionId in conditionIds)
            found.AddRange(await session.Query<Commitment>()
                .Where(c => c.Status == CommitmentStatus.Proposed && c.ConditionIds.Contains(conditionId)).ToListAsync(token));
        return found.DistinctBy(c => c.Id).ToList();
    }

    public async Task<T?> ForWriting<T>(Guid id) where T : class
    {
        if (_writing.TryGetValue(id, out var known)) return ((IEventStream<T>)known.Stream).Aggregate;
        var stream = await session.Events.FetchForWriting<T>(id, token);
        Own(id, stream);
        return stream.Aggregate;
    }

    public void Append(Guid streamId, IEnumerable<object> events)
    {
        if (!_writing.TryGetValue(streamId, out var stream))
            throw new InvalidOperationException($"Stream {streamId} was not fetched for writing before appending to it.");
        stream.Append([.. events]);
    }

    public void StartStream<T>(Guid id, IReadOnlyList<object> events) where T : class => session.Events.StartStream<T>(id, [.. events]);

    // What a stream fetched for writing in this command holds now, else what the store holds.
    private async Task<T?> Current<T>(Guid id) where T : class =>
        _writing.TryGetValue(id, out var stream) ? ((IEventStream<T>)stream.Stream).Aggregate : await session.LoadAsync<T>(id, token);
}
