using Microsoft.AspNetCore.Mvc;

namespace LoiTracker.Api.Dashboard;

/// <summary>
/// The audit log's download for a browser (ADR 25): <c>/api/audit/export</c> called with the user's token and streamed
/// through as it arrives, never held in memory, with the API's file name. A refusal is said in words, not as a problem
/// document a browser would save as the file.
/// </summary>
public static class AuditExport
{
    public static void MapAuditExport(this WebApplication app) =>
        app.MapGet("/audit/export.{format:regex(^(csv|ndjson)$)}", Get)
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = Configuration.Scheme })
            .ExcludeFromDescription();

    private static async Task Get(string format, [FromQuery] string? actor, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? stream,
        [FromQuery] string? eventType, HttpContext context, DashboardApi api)
    {
        var query = AuditFilters.ApiQuery(actor, from, to, stream, eventType, $"format={format}");
        using var answer = await api.Stream($"/api/audit/export{query}", context.RequestAborted);
        var response = context.Response;
        response.StatusCode = (int)answer.StatusCode;
        // The log is for auditors' eyes: no cache on the way keeps a copy.
        response.Headers.CacheControl = "no-store";
        if (!answer.IsSuccessStatusCode)
        {
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(answer.StatusCode switch
            {
                System.Net.HttpStatusCode.Forbidden => "Only auditors and admins whose access is not limited to some parties may export the audit log.",
                System.Net.HttpStatusCode.BadRequest => "The filters were refused: open the audit log page to see which and why.",
                _ => $"The audit log could not be exported ({(int)answer.StatusCode})."
            }, context.RequestAborted);
            return;
        }
        response.ContentType = answer.Content.Headers.ContentType?.ToString() ?? "text/plain";
        if (answer.Content.Headers.ContentDisposition is { } disposition) response.Headers.ContentDisposition = disposition.ToString();
        // Headers read, body not: each chunk the API writes goes on to the browser as it comes.
        await using var body = await answer.Content.ReadAsStreamAsync(context.RequestAborted);
        await body.CopyToAsync(response.Body, context.RequestAborted);
    }
}
