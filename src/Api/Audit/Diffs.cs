using System.Security.Claims;
using System.Text.Json;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Audit;
using LoiTracker.Projections.Audit;

namespace LoiTracker.Api.Audit;

/// <summary>A provision an amendment changed in the window: its text before and after, and the amending agreement.</summary>
public sealed record AmendedProvision(Guid AmendingAgreementId, DateTimeOffset CommittedAt, string Ref, ProvisionAction Action, string? Before,
    string? After);

/// <summary>
/// What changed on a record between two instants: its fields before and after, the changes recorded in between with
/// who and why (oldest first; <c>changesTotal</c> counts them all), and provisions changed by amendments.
/// </summary>
public sealed record RecordDiff(Guid Id, DateTimeOffset From, DateTimeOffset To, long? FromVersion, long? ToVersion, IReadOnlyList<FieldChange> Fields,
    IReadOnlyList<HistoryEntry> Changes, long ChangesTotal, IReadOnlyList<AmendedProvision> Amendments);

public static class Diffs
{
    // Fields that are not the record's own: risk is not kept for the past, and these are read-time echoes.
    private static readonly string[] Ignored = ["risk", "recentDeliveries", "notes"];

    /// <summary>The window, checked: both instants known to the audit model, <c>to</c> not before <c>from</c>.</summary>
    public static async Task<(PastInstant From, PastInstant To)> Window(DateTimeOffset? from, DateTimeOffset? to, IQuerySession session,
        CancellationToken token)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is null) errors["from"] = ["Give the instant to compare from (RFC 3339)."];
        if (to is null) errors["to"] = ["Give the instant to compare to (RFC 3339)."];
        if (from is { } f && to is { } t && t < f) errors["to"] = ["'to' must not be before 'from'."];
        if (errors.Count > 0) throw new InvalidRequest(errors);
        return (await PastInstant.Of(from!.Value, null, session, token, "from"), await PastInstant.Of(to!.Value, null, session, token, "to"));
    }

    public static async Task<RecordDiff> Of<T>(Guid id, PastInstant from, PastInstant to, T? before, T? after, long? fromVersion, long? toVersion,
        Guid? amendedAgreement, string? provisionRef, IQuerySession session, ClaimsPrincipal user, Access.Visibility visibility,
        Access.ReadLog reads, CancellationToken token)
    {
        var fields = FieldChanges.Between(Flatten(before), Flatten(after));
        var window = new AuditQuery(Record: id, From: from.AsOf.AddTicks(1), To: to.AsOf, WithPrivileged: HistoryReading.SeesPrivilegedEntries(user));
        var (entries, total) = await AuditEntries.Page(session.DocumentStore, window, 0, Paging.MaxSize, newestFirst: false, token);
        var amendments = new List<AmendedProvision>();
        if (amendedAgreement is { } agreementId)
        {
            var (amended, _) = await AuditEntries.Page(session.DocumentStore,
                new AuditQuery(Record: agreementId, EventType: "agreement_amended", From: from.AsOf.AddTicks(1), To: to.AsOf), 0, Paging.MaxSize,
                newestFirst: false, token);
            var seqs = amended.Select(a => a.Sequence).ToArray();
            var events = await session.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(seqs)).ToListAsync(token);
            foreach (var (entry, data) in amended.Join(events, a => a.Sequence, e => e.Sequence, (a, e) => (a, e.Data)))
                if (data is AgreementAmended change)
                    amendments.AddRange(change.Changes.Where(c => provisionRef is null || c.Ref == provisionRef)
                        .Select(c => new AmendedProvision(change.AmendmentId, entry.CommittedAt, c.Ref, c.Action, c.Before?.Text, c.After?.Text)));
        }
        return new RecordDiff(id, from.AsOf, to.AsOf, fromVersion, toVersion, fields,
            await HistoryReading.Entries(entries, session, user, visibility, reads, token), total, amendments);
    }

    /// <summary>A state as path → value: objects by property, list items by their id when they have one, by position otherwise.</summary>
    public static IReadOnlyDictionary<string, string?> Flatten<T>(T? state)
    {
        var flat = new Dictionary<string, string?>();
        if (state is null) return flat;
        void Walk(JsonElement e, string path)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                        if (path.Length > 0 || !Ignored.Contains(p.Name)) Walk(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}");
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in e.EnumerateArray())
                    {
                        var key = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var itemId) ? itemId.ToString() : i.ToString();
                        Walk(item, $"{path}[{key}]");
                        i++;
                    }
                    break;
                case JsonValueKind.Null:
                    flat[path] = null;
                    break;
                default:
                    flat[path] = e.ToString();
                    break;
            }
        }
        Walk(JsonSerializer.SerializeToElement(state, Json.Options), "");
        return flat;
    }
}
