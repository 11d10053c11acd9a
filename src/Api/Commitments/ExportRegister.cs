using System.Globalization;
using System.Text;
using LoiTracker.Api.Auth;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Commitments;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

public static class ExportRegisterEndpoint
{
    /// <summary>The register as CSV, with the same filters, for the spreadsheet people will make anyway.</summary>
    [WolverineGet("/api/commitments/export.csv"), Authorize(Policy = Can.Read)]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/csv")]
    public static async Task<IResult> Get(Guid? party, Guid? obligor, Guid? beneficiary, string? workstream,
        [OneOf(typeof(CommitmentStatus))] string? status, bool? binding,
        Guid? agreement, bool? atRisk, string? q, IQuerySession session, TimeProvider clock, CancellationToken token)
    {
        var filter = new RegisterFilter(party, obligor, beneficiary, workstream, status, binding, agreement, atRisk, q);
        var views = await filter.Apply(session.Query<CommitmentView>()).Take(50_000).ToListAsync(token);
        var rows = await RegisterRows.For(session, [.. views], clock.GetUtcNow(), token);
        return Results.Text(RegisterCsv.Write(rows), "text/csv; charset=utf-8", Encoding.UTF8);
    }
}

/// <summary>RFC 4180 CSV of register rows.</summary>
public static class RegisterCsv
{
    private static readonly string[] Header =
    [
        "id", "agreement", "obligors", "beneficiaries", "workstream", "title", "binding", "status", "owner", "next milestone",
        "next due", "next state", "overdue", "quantity", "unit", "per", "kind", "period", "delivered", "delivered total", "risk",
        "last changed at", "last changed by"
    ];

    public static string Write(IEnumerable<RegisterRow> rows)
    {
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var r in rows)
            Line(csv, [
                r.Id.ToString(), r.Agreement.Title, string.Join("; ", r.Obligors.Select(p => p.Name)),
                string.Join("; ", r.Beneficiaries.Select(p => p.Name)), r.Workstream, r.Title, r.Binding ? "yes" : "no", r.Status.ToString(),
                r.Owner ?? "", r.NextMilestone?.Title ?? "", r.NextMilestone?.DueOn?.ToString("yyyy-MM-dd") ?? "",
                r.NextMilestone is { } next ? MilestoneStateNames.Of(next.State) : "",
                r.OverdueCount.ToString(CultureInfo.InvariantCulture), Number(r.Quantity?.Amount), r.Quantity?.Unit ?? "",
                r.Quantity?.Per.ToString().ToLowerInvariant() ?? "", Kind(r.Quantity?.Kind), r.Quantity?.Period ?? "", Number(r.Quantity?.Delivered),
                Number(r.Quantity?.DeliveredTotal), r.Risk.Level ?? "",
                r.LastChange?.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "", r.LastChange?.By ?? ""
            ]);
        return csv.ToString();
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Kind(QuantityKind? kind) => kind switch
    {
        QuantityKind.UpTo => "up-to", QuantityKind.AtLeast => "at-least", QuantityKind.Exactly => "exactly", _ => ""
    };

    private static void Line(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Escape));
        csv.Append("\r\n");
    }

    // Quote what needs it; a leading =, +, - or @ is neutralised so a spreadsheet never runs a cell as a formula.
    private static string Escape(string field)
    {
        if (field.Length > 0 && "=+-@".Contains(field[0]) && !decimal.TryParse(field, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            field = "'" + field;
        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
    }
}
