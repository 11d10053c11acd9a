using System.Globalization;
using System.Text;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Commitments;
using Microsoft.AspNetCore.Mvc;

namespace LoiTracker.Api.Commitments;

public static class ExportRegisterEndpoint
{
    public const int RowsPerRead = 500;

    /// <summary>
    /// The register as CSV, with the same filters, for the spreadsheet people will make anyway: UTF-8 with a BOM (so a
    /// spreadsheet reads Korean names right), downloaded as a dated file, streamed in pages of rows as they are read,
    /// never built in memory and never cut short. Only what the user sees (ADR 16); every export is recorded (who, when,
    /// what filter, how many rows) before its first byte leaves.
    /// </summary>
    [WolverineGet("/api/commitments/export.csv"), Authorize(Policy = Can.Read)]
    [Access.Scoped("the commitments the user sees; recorded as an export")]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/csv")]
    public static async Task<IResult> Get(Guid? party, Guid? obligor, Guid? beneficiary, string? workstream,
        [OneOf(typeof(CommitmentStatuses))] string? status, bool? binding,
        Guid? agreement, bool? atRisk, string? q, DateTimeOffset? asOf, DateOnly? on, IDocumentStore store, IQuerySession session, TimeProvider clock,
        HttpContext context, Access.Visibility visibility, Access.ReadLog reads)
    {
        var now = Audit.PastInstant.JudgedOn(on) ?? clock.GetUtcNow();
        if (asOf is { } instant) return await AsKnown(new RegisterFilter(party, obligor, beneficiary, workstream, status, binding, agreement, atRisk, q),
            instant, on, session, context, visibility, reads);
        // Refuses a bad filter now, before the download begins.
        new RegisterFilter(party, obligor, beneficiary, workstream, status, binding, agreement, null, q).Apply(Enumerable.Empty<CommitmentView>().AsQueryable());
        var filter = await new RegisterFilter(party, obligor, beneficiary, workstream, status, binding, agreement, atRisk, q).WithRisk(session,
            context.RequestAborted);
        var seen = await visibility.CommitmentIds();
        IQueryable<CommitmentView> Scoped(IQueryable<CommitmentView> all) => seen is null ? all : all.Where(c => c.Id.IsOneOf(seen));
        await reads.Record(Access.ReadLog.Export, await filter.Apply(Scoped(session.Query<CommitmentView>())).CountAsync(context.RequestAborted),
            context.RequestAborted);
        return Results.Stream(async body =>
        {
            var token = context.RequestAborted;
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
            await writer.WriteAsync(RegisterCsv.Header);
            // One session streams the commitments; another reads what each page of rows joins (one open reader per connection).
            await using var reading = store.QuerySession();
            await using var joining = store.QuerySession();
            var page = new List<CommitmentView>(RowsPerRead);
            await foreach (var view in filter.Apply(Scoped(reading.Query<CommitmentView>())).ToAsyncEnumerable(token))
            {
                page.Add(view);
                if (page.Count < RowsPerRead) continue;
                await writer.WriteAsync(RegisterCsv.Rows(await RegisterRows.For(joining, page, now, visibility, token)));
                page.Clear();
            }
            if (page.Count > 0) await writer.WriteAsync(RegisterCsv.Rows(await RegisterRows.For(joining, page, now, visibility, token)));
        }, "text/csv; charset=utf-8", $"loitracker-register-{now.UtcDateTime:yyyy-MM-dd}.csv");
    }

    /// <summary>The register as known at a past instant, as CSV: replayed once, then written in pages of rows (ADR 18).</summary>
    private static async Task<IResult> AsKnown(RegisterFilter filter, DateTimeOffset instant, DateOnly? on, IQuerySession session, HttpContext context,
        Access.Visibility visibility, Access.ReadLog reads)
    {
        var past = new Audit.PastRecords(session, await Audit.PastInstant.Of(instant, on, session, context.RequestAborted));
        var matches = await RegisterAsKnown.Matching(filter, past, visibility, context.RequestAborted);
        await reads.Record(Access.ReadLog.Export, matches.Views.Count, context.RequestAborted);
        return Results.Stream(async body =>
        {
            var token = context.RequestAborted;
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
            await writer.WriteAsync(RegisterCsv.Header);
            foreach (var page in matches.Views.Chunk(RowsPerRead))
                await writer.WriteAsync(RegisterCsv.Rows(await RegisterAsKnown.Rows(session, page, matches, past, token)));
        }, "text/csv; charset=utf-8", $"loitracker-register-as-of-{instant.UtcDateTime:yyyy-MM-dd'T'HHmmss'Z'}.csv");
    }
}

/// <summary>RFC 4180 CSV of register rows, header names in one style (snake_case), money and quantities as plain numbers.</summary>
public static class RegisterCsv
{
    private static readonly string[] Columns =
    [
        "id", "agreement", "obligors", "beneficiaries", "workstream", "title", "binding", "status", "owner", "next_milestone",
        "next_due", "next_state", "overdue_count", "quantity", "unit", "per", "kind", "period", "delivered", "delivered_total",
        "value", "currency", "risk", "last_changed_at", "last_changed_by"
    ];

    public static string Header { get; } = Line(Columns);

    public static string Rows(IEnumerable<RegisterRow> rows)
    {
        var csv = new StringBuilder();
        foreach (var r in rows)
            csv.Append(Line([
                r.Id.ToString(), r.Agreement.Title, string.Join("; ", r.Obligors.Select(p => p.Name)),
                string.Join("; ", r.Beneficiaries.Select(p => p.Name)), r.Workstream, r.Title, r.Binding ? "yes" : "no", r.Status.ToString(),
                r.Owner ?? "", r.NextMilestone?.Title ?? "", r.NextMilestone?.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                r.NextMilestone is { } next ? MilestoneStateNames.Of(next.State) : "",
                r.OverdueCount.ToString(CultureInfo.InvariantCulture), Number(r.Quantity?.Amount), r.Quantity?.Unit ?? "",
                r.Quantity?.Per.ToString().ToLowerInvariant() ?? "", Kind(r.Quantity?.Kind), r.Quantity?.Period ?? "", Number(r.Quantity?.Delivered),
                Number(r.Quantity?.DeliveredTotal), Number(r.Value?.Amount), r.Value?.Currency ?? "", r.Risk.Level ?? "",
                r.LastChange?.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "", r.LastChange?.By ?? ""
            ]));
        return csv.ToString();
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Kind(QuantityKind? kind) => kind switch
    {
        QuantityKind.UpTo => "up-to", QuantityKind.AtLeast => "at-least", QuantityKind.Exactly => "exactly", _ => ""
    };

    private static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Escape)) + "\r\n";

    // Quote what needs it; a leading =, +, -, @, tab or carriage return is neutralised so a spreadsheet never runs a cell as a formula.
    private static string Escape(string field)
    {
        if (field.Length > 0 && "=+-@\t\r".Contains(field[0]) &&
            !decimal.TryParse(field, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            field = "'" + field;
        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
    }
}
