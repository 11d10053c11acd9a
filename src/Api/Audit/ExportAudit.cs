using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using LoiTracker.Projections.Audit;
using Microsoft.AspNetCore.Mvc;

namespace LoiTracker.Api.Audit;

public static class ExportAuditEndpoint
{
    public static readonly string[] Formats = ["csv", "ndjson"];


    /// <summary>
    /// The audit log as CSV or NDJSON (<c>format</c>, CSV by default), with the log's filters, streamed row by row as it
    /// is read, never built in memory. Privileged notes appear as entries without their text. Recorded as an export
    /// before its first byte leaves.
    /// </summary>
    [WolverineGet("/api/audit/export"), Authorize(Policy = Can.Audit)]
    [Access.Scoped("auditors and admins whose own access is not limited; recorded as an export")]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/csv", "application/x-ndjson")]
    public static async Task<IResult> Get(string? format, string? actor, DateTimeOffset? from, DateTimeOffset? to,
        Guid? stream, string? eventType, IDocumentStore store, TimeProvider clock, HttpContext context, Access.Visibility visibility,
        Access.ReadLog reads)
    {
        await Access.UserScopes.MustBeUnlimited(visibility);
        var kind = format?.Trim().ToLowerInvariant() ?? "csv";
        if (!Formats.Contains(kind))
            throw new InvalidRequest(new Dictionary<string, string[]> { ["format"] = [$"Use one of: {string.Join(", ", Formats)}."] });
        var query = AuditFilter.Of(actor, from, to, stream, eventType);
        await reads.Record(Access.ReadLog.Export, 0, context.RequestAborted);
        var now = clock.GetUtcNow();
        return Results.Stream(async body =>
        {
            var token = context.RequestAborted;
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: kind == "csv"), 64 * 1024);
            writer.NewLine = kind == "csv" ? "\r\n" : "\n";
            if (kind == "csv") await writer.WriteLineAsync(Csv.Header);
            await foreach (var entry in AuditEntries.Stream(store, query, token))
                await writer.WriteLineAsync(kind == "csv" ? Csv.Line(entry) : JsonSerializer.Serialize(Row.Of(entry), Json.Options));
        }, kind == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson",
            $"loitracker-audit-{now.UtcDateTime:yyyy-MM-dd}.{kind}");
    }

    /// <summary>One exported entry: what the audit model holds, never a note's text.</summary>
    public sealed record Row(long Sequence, DateTimeOffset CommittedAt, DateTimeOffset RecordedAt, string? ActorSubject, string? ActorName,
        string RecordKind, Guid RecordId, Guid StreamId, long Version, string EventType, string? Reason, string? SourceKind, string? SourceReference,
        string? CorrelationId, bool Privileged)
    {
        public static Row Of(AuditEntry e) => new(e.Sequence, e.CommittedAt, e.RecordedAt, e.ActorSubject, e.ActorName, e.RecordKind, e.RecordId,
            e.StreamId, e.Version, e.EventType, e.Reason, e.Source?.Kind.ToString(), e.Source?.Reference, e.CorrelationId, e.Privileged);
    }

    private static class Csv
    {
        public const string Header = "sequence,committed_at,recorded_at,actor_subject,actor_name,record_kind,record_id,stream_id,version,event_type,reason,source_kind,source_reference,correlation_id,privileged";

        public static string Line(AuditEntry e) => string.Join(',', new[]
        {
            e.Sequence.ToString(CultureInfo.InvariantCulture), e.CommittedAt.UtcDateTime.ToString("O"), e.RecordedAt.UtcDateTime.ToString("O"),
            e.ActorSubject ?? "", e.ActorName ?? "", e.RecordKind, e.RecordId.ToString(), e.StreamId.ToString(),
            e.Version.ToString(CultureInfo.InvariantCulture), e.EventType, e.Reason ?? "", e.Source?.Kind.ToString() ?? "", e.Source?.Reference ?? "",
            e.CorrelationId ?? "", e.Privileged ? "yes" : "no"
        }.Select(Field));

        // RFC 4180, and a leading = + - @ neutralised so a spreadsheet does not run it as a formula.
        private static string Field(string value)
        {
            if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
            return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
        }
    }
}
