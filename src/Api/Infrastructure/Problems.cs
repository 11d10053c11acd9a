using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// Every refusal as a problem (api.md, conventions): 400 with field errors, 404, 409 naming the current version,
/// 422 naming the rule, 413, 503 when the database is out of reach. Never a stack trace.
/// </summary>
public sealed partial class Problems(IProblemDetailsService problemDetails, ILogger<Problems> logger)
    : IExceptionHandler
{
    public const string ProblemJson = "application/problem+json";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken token)
    {
        var problem = ToProblem(exception, context);
        if (problem.Status >= 500)
            logger.LogError(exception, "Request {Method} {Path} failed ({CorrelationId})", context.Request.Method, context.Request.Path,
                CorrelationId(context));

        context.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context, ProblemDetails = problem, Exception = null
        });
    }

    private static ProblemDetails ToProblem(Exception exception, HttpContext context)
    {
        switch (Unwrap(exception))
        {
            case RuleViolation violation:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity, Title = violation.Title, Detail = violation.Detail,
                    Extensions = { ["rule"] = violation.Rule }
                };
            case Forbidden forbidden:
                return new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = forbidden.Message };
            case Access.OutsideScope outside:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden, Title = outside.Message,
                    Detail = "Your access is limited to some parties or agreements: what you create must involve one of them. Nothing was recorded.",
                    Extensions = { ["rule"] = "outside-scope" }
                };
            case NotFound missing:
                return NotFoundProblem(missing.What, missing.Id);
            case StaleVersion stale:
                return Conflict(stale.Message, stale.Current);
            case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique when UniqueRules.For(unique.ConstraintName) is { } rule:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity, Title = rule.Title, Extensions = { ["rule"] = rule.Rule }
                };
            case InvalidRequest query:
                return Validation(query.Errors);
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return TooLarge(context.GetEndpoint()?.Metadata.GetMetadata<BodyLimitAttribute>()?.Bytes ?? BodySizeLimit.DefaultBytes);
            case BadHttpRequestException bad:
                return new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read" };
            case Audit.NotKnownYet late:
                context.Response.Headers.RetryAfter = Audit.NotKnownYet.RetryAfterSeconds.ToString();
                return new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable, Title = "What was known at that instant is not settled yet",
                    Detail = late.KnownUntil is { } known
                        ? $"The audit trail holds every change committed up to {known:O}; ask again in a moment."
                        : "The audit trail has not caught up yet; ask again in a moment.",
                    Extensions = { ["rule"] = "not-known-yet", ["knownUntil"] = late.KnownUntil }
                };
            case OutcomeUnknown:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable, Title = "The outcome is unknown",
                    Detail = "The connection to the database broke while this was being recorded: it may or may not have been. " +
                             "Retry with the same Idempotency-Key (a retry without one may record it twice).",
                    Extensions = { ["rule"] = "outcome-unknown" }
                };
            case JasperFx.DocumentAlreadyExistsException:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict, Title = "The same record was created by someone else at the same moment",
                    Detail = "Nothing was recorded by this request. Send it again: it will find what the other one created."
                };
            case KeyReused reused:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity, Title = reused.Message,
                    Detail = "A key names one operation: send a new key for a new request.", Extensions = { ["rule"] = "idempotency-key-reused" }
                };
            case var e when DatabaseFailures.IsUnreachable(e):
                return new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable, Title = "The database is unreachable",
                    Detail = "Nothing was recorded. Try again in a moment."
                };
            default:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError, Title = "Something went wrong on our side",
                    Detail = "Nothing was recorded. The error is logged."
                };
        }
    }

    public static ProblemDetails NotFoundProblem(string what, Guid id) =>
        new() { Status = StatusCodes.Status404NotFound, Title = $"{what} not found", Detail = $"There is no {what.ToLowerInvariant()} {id}." };

    public static ProblemDetails TooLarge(long limit) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge, Title = "The request body is too large",
        Detail = limit >= 1024 * 1024 ? $"Send at most {limit / (1024 * 1024)} MiB here." : $"Send at most {limit / 1024} KiB here."
    };

    public static ProblemDetails Validation(IDictionary<string, string[]> errors) => new HttpValidationProblemDetails(errors)
    {
        Status = StatusCodes.Status400BadRequest, Title = "The request is not valid"
    };

    private static ProblemDetails Conflict(string title, long? currentVersion)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = title };
        if (currentVersion is not null) problem.Extensions["currentVersion"] = currentVersion;
        return problem;
    }

    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : e;


    /// <summary>
    /// Shapes problems written by the framework: Wolverine answers unreadable JSON with its own 400, which is
    /// recast here into api.md's <c>errors: { field: [messages] }</c> form, naming the field the reader stopped at
    /// and the form it expects there.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem is { Status: 400, Title: "Invalid JSON format" } && problem is not HttpValidationProblemDetails)
        {
            var path = JsonPath().Match(problem.Detail ?? "") is { Success: true } m ? m.Groups[1].Value : "$";
            var requestType = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            problem.Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
            problem.Title = "The request is not valid";
            problem.Extensions.Remove("lineNumber");
            problem.Extensions.Remove("bytePositionInLine");
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [ToField(path)] = [Expected(requestType, path)] };
            problem.Detail = null;
        }
        problem.Extensions.Remove("traceId");
        problem.Instance ??= context.HttpContext.Request.Path;
        var correlation = CorrelationId(context.HttpContext);
        problem.Extensions["correlationId"] = correlation;
        if (problem.Status is >= 400 and < 500)
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<Problems>().LogInformation(
                "Refused {Method} {Path}: {Status} {Rule} {Title} ({CorrelationId})", context.HttpContext.Request.Method,
                context.HttpContext.Request.Path, problem.Status, problem.Extensions.TryGetValue("rule", out var rule) ? rule : "-", problem.Title,
                correlation);
    }

    /// <summary>The id that ties a response to its log lines: the trace id when tracing, else the request's own.</summary>
    public static string CorrelationId(HttpContext context) =>
        System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    private static string ToField(string path) => path.TrimStart('$', '.') is { Length: > 0 } field ? field : "body";

    /// <summary>What the field at <paramref name="path"/> must look like, read off the request type.</summary>
    private static string Expected(Type? requestType, string path)
    {
        var type = requestType;
        foreach (var segment in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            var property = type?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            type = property is null ? null : Unwrap(property.PropertyType, segment.Contains('['));
        }
        type = type is null ? null : Unwrap(type, false);
        return type switch
        {
            null when path is "$" or "" => "The body must be a JSON object.",
            { IsEnum: true } => $"Use one of: {string.Join(", ", Enum.GetNames(type))}.",
            _ when type == typeof(DateOnly) => "Use a date such as 2026-03-31.",
            _ when type == typeof(DateTimeOffset) => "Use an instant such as 2026-03-31T09:00:00Z.",
            _ when type == typeof(Guid) => "Use an id such as 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.",
            _ when type == typeof(bool) => "Use true or false.",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double) => "Use a number.",
            _ when type == typeof(string) => "Use a string.",
            { IsGenericType: true } when type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) => "Use a list.",
            _ => "This value cannot be read here."
        };
    }

    private static Type Unwrap(Type type, bool element)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!element || type == typeof(string)) return type;
        var enumerable = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] ?? type;
    }

    [GeneratedRegex(@"Path: (\$[^\s|]*)")]
    private static partial Regex JsonPath();

}
