using System.Text.Json.Nodes;
using JasperFx.Events;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Imports;
using LoiTracker.Domain.Notes;
using LoiTracker.Domain.Parties;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Conditions;
using LoiTracker.Projections.Imports;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Notes;
using LoiTracker.Projections.Parties;
using Marten.Events.Daemon;
using Npgsql;

namespace LoiTracker.Api.Operations;

/// <summary>A read model that does not say what its events say: which document, and the first places it differs.</summary>
public sealed record ProjectionDifference(string Document, string Id, Guid Stream, IReadOnlyList<string> Paths)
{
    public override string ToString() => $"{Document} {Id} (stream {Stream}): {string.Join(", ", Paths)}";
}

/// <summary>
/// Keeping read models honest (docs/reliability.md, ADR 15): <see cref="Verify"/> compares every document kept inline
/// with a fold of its stream's events; <see cref="RebuildStream"/> folds one stream again while the Api serves (its
/// row in mt_streams locked, so no command appends meanwhile); <see cref="RebuildAll"/> replays everything, and refuses
/// while an Api node is alive, because an inline read model rebuilt under live writes is left behind its events.
/// </summary>
public sealed class ProjectionMaintenance(IDocumentStore store)
{
    /// <summary>A node whose heartbeat is younger than this is taken to be serving.</summary>
    public static readonly TimeSpan AliveWithin = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<ProjectionDifference>> Verify(CancellationToken token, int maxDifferences = 100)
    {
        var differences = new List<ProjectionDifference>();
        var after = Guid.Empty;
        while (differences.Count < maxDifferences)
        {
            var streams = await StreamsAfter(after, 500, token);
            if (streams.Count == 0) break;
            await using var session = store.QuerySession();
            foreach (var (id, type) in streams)
                differences.AddRange(await Compare(session, id, type, token));
            after = streams[^1].Id;
        }
        return differences;
    }

    /// <summary>Folds one stream's inline read models again from its events, safely while the Api serves.</summary>
    public async Task<int> RebuildStream(Guid streamId, CancellationToken token)
    {
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(token);
        // The append function updates this row: holding it keeps every command on the stream waiting until we commit.
        var type = (await session.QueryAsync<string>(
            $"select coalesce(type, '') from {Schema}.mt_streams where id = ? for update", token, streamId)).FirstOrDefault();
        if (type is null) throw new NotFound("Stream", streamId);
        var documents = await Refold(session, streamId, type.Length == 0 ? null : type, token);
        foreach (var (_, doc) in documents) StoreTyped(session, doc);
        await session.SaveChangesAsync(token);
        return documents.Count;
    }

    /// <summary>Replays every projection from the events. Refuses while an Api node is alive.</summary>
    public async Task RebuildAll(CancellationToken token)
    {
        var alive = await LiveNodes(token);
        if (alive.Count > 0)
            throw new InvalidOperationException(
                $"{alive.Count} Api node(s) are serving ({string.Join(", ", alive)}): stop them first, or rebuild one stream at a time " +
                "with rebuild-stream. Rebuilding inline read models under live writes leaves them behind their events.");
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var name in store.Options.Events.Projections().Select(p => p.Name).Distinct())
            await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), token);
    }

    /// <summary>Api nodes whose heartbeat in Wolverine's node table is recent.</summary>
    public async Task<IReadOnlyList<string>> LiveNodes(CancellationToken token)
    {
        await using var session = store.QuerySession();
        try
        {
            return await session.QueryAsync<string>(
                $"select coalesce(description, id::text) from {Schema}.wolverine_nodes where health_check > now() - ?::interval", token,
                $"{(int)AliveWithin.TotalSeconds} seconds");
        }
        catch (Exception e) when (e is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } ||
                                  e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable })
        {
            // No node table: no Wolverine node ever ran against this database.
            return [];
        }
    }

    private string Schema => store.Options.Events.DatabaseSchemaName;

    private async Task<IReadOnlyList<(Guid Id, string? Type)>> StreamsAfter(Guid after, int count, CancellationToken token)
    {
        await using var session = store.QuerySession();
        var rows = await session.AdvancedSql.QueryAsync<StreamRow>(
            $"select json_build_object('id', id, 'type', type) from {Schema}.mt_streams where id > ? order by id limit ?", token, after, count);
        return [.. rows.Select(r => (r.Id, r.Type))];
    }

    private sealed record StreamRow(Guid Id, string? Type);

    private async Task<IEnumerable<ProjectionDifference>> Compare(IQuerySession session, Guid streamId, string? type, CancellationToken token)
    {
        var differences = new List<ProjectionDifference>();
        var serializer = store.Options.Serializer();
        foreach (var (docType, expected) in await Refold(session, streamId, type, token))
        {
            var id = IdOf(expected);
            var stored = await Load(session, docType, id, token);
            var want = JsonNode.Parse(serializer.ToJson(expected));
            var have = stored is null ? null : JsonNode.Parse(serializer.ToJson(stored));
            var paths = new List<string>();
            Diff(want, have, "", paths);
            if (paths.Count > 0) differences.Add(new ProjectionDifference(docType.Name, id.ToString()!, streamId, paths));
        }
        return differences;
    }

    /// <summary>The documents the inline projections hold for one stream, folded from its events alone.</summary>
    private static async Task<IReadOnlyList<(Type Type, object Doc)>> Refold(IQuerySession session, Guid streamId, string? type,
        CancellationToken token)
    {
        var found = new List<(Type, object)>();
        async Task Fold<T>() where T : class
        {
            if (await session.Events.AggregateStreamAsync<T>(streamId, token: token) is { } doc) found.Add((typeof(T), doc));
        }

        switch (type)
        {
            case "party": await Fold<Party>(); await Fold<PartyView>(); break;
            case "agreement": await Fold<Agreement>(); await Fold<AgreementView>(); break;
            case "condition": await Fold<Condition>(); await Fold<ConditionView>(); break;
            case "privileged_notes": await Fold<PrivilegedNotes>(); await Fold<PrivilegedNotesView>(); break;
            case "user_scope": await Fold<Domain.Access.UserScope>(); break;
            case "commitment":
                // Folded as the inline projections fold: without deliveries, which change no document (ADR 10). A fold of
                // every event would count a delivery into the version and last change, and call every delivered-to
                // commitment drifted.
                var folded = (await session.Events.FetchStreamAsync(streamId, token: token)).Where(e => e.Data is not DeliveryRecorded).ToList();
                var commitmentProjection = new CommitmentProjection();
                var viewProjection = new CommitmentViewProjection();
                Commitment? aggregate = null;
                CommitmentView? read = null;
                foreach (var e in folded)
                {
                    aggregate = commitmentProjection.Evolve(aggregate, streamId, e);
                    read = viewProjection.Evolve(read, streamId, e);
                }
                if (aggregate is not null) found.Add((typeof(Commitment), aggregate));
                if (read is not null) found.Add((typeof(CommitmentView), read));
                var milestones = new MilestoneViewProjection();
                var views = new Dictionary<Guid, MilestoneView>();
                foreach (var e in folded)
                {
                    var milestone = e.Data switch
                    {
                        MilestonePlanned p => p.MilestoneId, MilestoneRescheduled r => r.MilestoneId, MilestoneCompleted c => c.MilestoneId,
                        MilestoneAssigned a => a.MilestoneId, _ => Guid.Empty
                    };
                    if (milestone == Guid.Empty) continue;
                    if (milestones.Evolve(views.GetValueOrDefault(milestone), milestone, e) is { } view) views[milestone] = view;
                }
                found.AddRange(views.Values.Select(v => (typeof(MilestoneView), (object)v)));
                break;
            case null:
                foreach (var e in await session.Events.FetchStreamAsync(streamId, token: token))
                    if (e.Data is BundleImported imported)
                        found.AddRange(imported.Created.Select(item => (typeof(ImportKey),
                            (object)new ImportKey { Id = ImportKey.For(item.Kind, item.Key), TargetId = item.Id, ImportId = imported.ImportId })));
                break;
        }
        return found;
    }

    private static object IdOf(object doc) => doc switch
    {
        Party p => p.Id, PartyView p => p.Id, Agreement a => a.Id, AgreementView a => a.Id, Condition c => c.Id, ConditionView c => c.Id,
        Commitment c => c.Id, CommitmentView c => c.Id, MilestoneView m => m.Id, PrivilegedNotes n => n.Id, PrivilegedNotesView n => n.Id,
        Domain.Access.UserScope u => u.Id,
        ImportKey k => k.Id, _ => throw new InvalidOperationException($"No id for {doc.GetType().Name}.")
    };

    private static async Task<object?> Load(IQuerySession session, Type type, object id, CancellationToken token) => id switch
    {
        Guid g when type == typeof(Party) => await session.LoadAsync<Party>(g, token),
        Guid g when type == typeof(PartyView) => await session.LoadAsync<PartyView>(g, token),
        Guid g when type == typeof(Agreement) => await session.LoadAsync<Agreement>(g, token),
        Guid g when type == typeof(AgreementView) => await session.LoadAsync<AgreementView>(g, token),
        Guid g when type == typeof(Condition) => await session.LoadAsync<Condition>(g, token),
        Guid g when type == typeof(ConditionView) => await session.LoadAsync<ConditionView>(g, token),
        Guid g when type == typeof(Commitment) => await session.LoadAsync<Commitment>(g, token),
        Guid g when type == typeof(CommitmentView) => await session.LoadAsync<CommitmentView>(g, token),
        Guid g when type == typeof(MilestoneView) => await session.LoadAsync<MilestoneView>(g, token),
        Guid g when type == typeof(PrivilegedNotes) => await session.LoadAsync<PrivilegedNotes>(g, token),
        Guid g when type == typeof(PrivilegedNotesView) => await session.LoadAsync<PrivilegedNotesView>(g, token),
        Guid g when type == typeof(Domain.Access.UserScope) => await session.LoadAsync<Domain.Access.UserScope>(g, token),
        string s when type == typeof(ImportKey) => await session.LoadAsync<ImportKey>(s, token),
        _ => throw new InvalidOperationException($"Cannot load {type.Name} {id}.")
    };

    private static void StoreTyped(IDocumentSession session, object doc)
    {
        switch (doc)
        {
            case Party d: session.Store(d); break;
            case PartyView d: session.Store(d); break;
            case Agreement d: session.Store(d); break;
            case AgreementView d: session.Store(d); break;
            case Condition d: session.Store(d); break;
            case ConditionView d: session.Store(d); break;
            case Commitment d: session.Store(d); break;
            case CommitmentView d: session.Store(d); break;
            case MilestoneView d: session.Store(d); break;
            case PrivilegedNotes d: session.Store(d); break;
            case PrivilegedNotesView d: session.Store(d); break;
            case Domain.Access.UserScope d: session.Store(d); break;
            case ImportKey d: session.Store(d); break;
            default: throw new InvalidOperationException($"Cannot store {doc.GetType().Name}.");
        }
    }

    /// <summary>Where two JSON documents differ, as paths (at most ten): "version", "milestones[2].dueOn".</summary>
    private static void Diff(JsonNode? want, JsonNode? have, string path, List<string> paths)
    {
        if (paths.Count >= 10 || JsonNode.DeepEquals(want, have)) return;
        switch (want, have)
        {
            case (JsonObject w, JsonObject h):
                foreach (var key in w.Select(p => p.Key).Union(h.Select(p => p.Key)))
                    Diff(w[key], h[key], path.Length == 0 ? key : $"{path}.{key}", paths);
                break;
            case (JsonArray w, JsonArray h) when w.Count == h.Count:
                for (var i = 0; i < w.Count; i++) Diff(w[i], h[i], $"{path}[{i}]", paths);
                break;
            default:
                paths.Add(path.Length == 0 ? "(the whole document)" : path);
                break;
        }
    }
}
