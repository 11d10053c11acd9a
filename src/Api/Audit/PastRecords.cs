using JasperFx.Events;
using LoiTracker.Domain.Commitments;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Audit;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Common;
using LoiTracker.Projections.Conditions;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Parties;
using LoiTracker.Projections.Reading;
using Marten.Events;
using Npgsql;

namespace LoiTracker.Api.Audit;

/// <summary>
/// Records as they were known at a past instant (ADR 18): the audit model maps the instant to each stream's version
/// (the events committed by then), and the stream is folded up to that version through the very projections that keep
/// today's documents. Deliveries are summed in SQL up to that version, never folded. Nothing here writes.
/// </summary>
public sealed class PastRecords(IQuerySession session, PastInstant at)
{
    private static readonly CommitmentViewProjection Commitments = new();
    private static readonly MilestoneViewProjection Milestones = new();
    private static readonly AgreementViewProjection Agreements = new();
    private static readonly ConditionViewProjection Conditions = new();
    private static readonly PartyViewProjection Parties = new();

    /// <summary>Every event type a past record is folded from: all but deliveries.</summary>
    private static readonly Type[] Folded =
    [
        .. CommitmentEvents.All.Where(t => t != typeof(DeliveryRecorded)), .. Domain.Agreements.AgreementEvents.All,
        .. Domain.Conditions.ConditionEvents.All, .. Domain.Parties.PartyEvents.All
    ];

    public PastInstant At => at;
    private IDocumentStore Store => session.DocumentStore;

    /// <summary>The versions the streams had reached by the instant; a stream missing did not exist yet.</summary>
    public Task<Dictionary<Guid, long>> VersionsOf(IEnumerable<Guid> ids, CancellationToken token) =>
        AuditEntries.VersionsAt(Store, [.. ids.Distinct()], at.AsOf, token);

    /// <summary>Every commitment that existed at the instant, with its version then.</summary>
    public Task<Dictionary<Guid, long>> AllCommitments(CancellationToken token) => AuditEntries.RecordsAt(Store, "commitment", at.AsOf, token);

    /// <summary>Every agreement that existed at the instant, with its version then.</summary>
    public Task<Dictionary<Guid, long>> AllAgreements(CancellationToken token) => AuditEntries.RecordsAt(Store, "agreement", at.AsOf, token);

    /// <summary>The streams' events up to their versions, deliveries left out (they are summed, not folded), in stream order.</summary>
    public async Task<ILookup<Guid, IEvent>> Events(IReadOnlyDictionary<Guid, long> versions, CancellationToken token)
    {
        if (versions.Count == 0) return Array.Empty<IEvent>().ToLookup(e => e.StreamId);
        var ids = versions.Keys.ToArray();
        // By event type first (Marten's (type, seq_id) index): the deliveries, most of a busy store, are never read.
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypesAre(Folded) && e.StreamId.IsOneOf(ids)).ToListAsync(token);
        return events.Where(e => e.Version <= versions[e.StreamId]).OrderBy(e => e.StreamId).ThenBy(e => e.Version).ToLookup(e => e.StreamId);
    }

    public static T? Fold<T>(Func<T?, Guid, IEvent, T?> evolve, Guid id, IEnumerable<IEvent> events) where T : class =>
        events.Aggregate((T?)null, (state, e) => evolve(state, id, e));

    public static CommitmentView? Commitment(Guid id, IEnumerable<IEvent> events) => Fold<CommitmentView>(Commitments.Evolve, id, events);

    /// <summary>The commitment's milestones, folded from the same events.</summary>
    public static List<MilestoneView> MilestonesOf(IEnumerable<IEvent> events)
    {
        var views = new Dictionary<Guid, MilestoneView>();
        foreach (var e in events)
        {
            Guid? id = e.Data switch
            {
                MilestonePlanned p => p.MilestoneId, MilestoneRescheduled r => r.MilestoneId, MilestoneCompleted c => c.MilestoneId,
                MilestoneAssigned a => a.MilestoneId, _ => null
            };
            if (id is not { } milestoneId) continue;
            if (Milestones.Evolve(views.GetValueOrDefault(milestoneId), milestoneId, e) is { } view) views[milestoneId] = view;
        }
        return [.. views.Values];
    }

    public async Task<Dictionary<Guid, AgreementView>> AgreementsOf(IEnumerable<Guid> ids, CancellationToken token) =>
        await FoldAll<AgreementView>(Agreements.Evolve, ids, token);

    public async Task<Dictionary<Guid, ConditionView>> ConditionsOf(IEnumerable<Guid> ids, CancellationToken token) =>
        await FoldAll<ConditionView>(Conditions.Evolve, ids, token);

    public async Task<Dictionary<Guid, PartyView>> PartiesOf(IEnumerable<Guid> ids, CancellationToken token) =>
        await FoldAll<PartyView>(Parties.Evolve, ids, token);

    private async Task<Dictionary<Guid, T>> FoldAll<T>(Func<T?, Guid, IEvent, T?> evolve, IEnumerable<Guid> ids, CancellationToken token) where T : class
    {
        var versions = await VersionsOf(ids, token);
        var events = await Events(versions, token);
        var views = new Dictionary<Guid, T>();
        foreach (var id in versions.Keys)
            if (Fold(evolve, id, events[id]) is { } view) views[id] = view;
        return views;
    }

    /// <summary>What was delivered against each commitment up to its version at the instant, summed by PostgreSQL per period.</summary>
    public async Task<CurrentFacts> Facts(IReadOnlyDictionary<Guid, long> versions, CancellationToken token)
    {
        var sums = new Dictionary<Guid, (Dictionary<string, decimal> ByPeriod, decimal Total, int Count, DateTimeOffset? At, string? By)>();
        if (versions.Count > 0)
        {
            await using var connection = Store.Storage.Database.CreateConnection();
            await connection.OpenAsync(token);
            await using var command = new NpgsqlCommand($"""
                select e.stream_id, e.data->>'period', sum((e.data->>'quantity')::numeric), count(*)::int, max(e.timestamp),
                       (array_agg(coalesce(e.headers->>'{Provenance.ActorName}', e.user_name) order by e.version desc))[1]
                from unnest(@ids, @versions) as v(id, version)
                join {Store.Options.DatabaseSchemaName}.mt_events e on e.stream_id = v.id and e.version <= v.version
                where e.type = 'delivery_recorded'
                group by 1, 2
                """, connection);
            command.Parameters.AddWithValue("ids", versions.Keys.ToArray());
            command.Parameters.AddWithValue("versions", versions.Keys.Select(k => versions[k]).ToArray());
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                var id = reader.GetGuid(0);
                var s = sums.GetValueOrDefault(id, (new Dictionary<string, decimal>(), 0m, 0, null, null));
                var quantity = reader.GetDecimal(2);
                var latest = reader.GetFieldValue<DateTimeOffset>(4);
                s.ByPeriod[reader.GetString(1)] = quantity;
                var newer = s.At is null || latest > s.At;
                sums[id] = (s.ByPeriod, s.Total + quantity, s.Count + reader.GetInt32(3), newer ? latest : s.At,
                    newer ? (reader.IsDBNull(5) ? null : reader.GetString(5)) : s.By);
            }
        }
        return new CurrentFacts(sums.ToDictionary(s => s.Key, s => new DeliverySummary(s.Value.ByPeriod, s.Value.Total, s.Value.Count, s.Value.At, s.Value.By)),
            versions.ToDictionary(v => v.Key, v => v.Value));
    }

    /// <summary>The privileged notes on a record that were committed by the instant (their ids).</summary>
    public async Task<IReadOnlySet<Guid>> PrivilegedNotesKnown(Guid recordId, CancellationToken token)
    {
        var stream = Domain.Notes.PrivilegedNotes.StreamFor(recordId);
        if (await AuditEntries.VersionAt(Store, stream, at.AsOf, token, recordId) is not { } version) return new HashSet<Guid>();
        var events = await session.Events.FetchStreamAsync(stream, version, token: token);
        return events.Select(e => e.Data).OfType<Domain.Notes.PrivilegedNoteAdded>().Select(n => n.NoteId).ToHashSet();
    }

    /// <summary>Risk is kept for now, not for past instants: a past read says so rather than claim none (ADR 18).</summary>
    public static readonly LoiTracker.Api.Commitments.RiskSummary RiskNotKept = new("unknown", []);
}
