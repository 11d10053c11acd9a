using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Wolverine.Http;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// Query strings checked before any endpoint runs (api.md: "unknown or malformed query parameter: 400, the same
/// problem shape as body errors, naming the parameter"). What a route takes is read off its handler's parameters, so a
/// route added later is checked without anyone remembering to: an unknown name (<c>?asOf=</c> on a route that cannot
/// answer it would otherwise return today's state to an auditor asking about the past), a repeated one (unless the
/// handler takes a list of them), a value of the wrong form or with control characters is refused, naming the parameter
/// and the form it takes.
/// </summary>
public sealed class QueryParameters(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<HttpChain, IReadOnlyDictionary<string, Type>> Taken = new();

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        // Most requests carry no query string: nothing to check, nothing to allocate.
        if (!context.Request.QueryString.HasValue)
        {
            await next(context);
            return;
        }
        var errors = new Dictionary<string, string[]>();
        var chain = context.GetEndpoint()?.Metadata.GetMetadata<HttpChain>();
        var takes = chain is null ? null : Taken.GetOrAdd(chain, Of);

        foreach (var (name, values) in context.Request.Query)
        {
            if (values.Any(v => v is not null && TextRules.Problem(v) is not null))
                errors[name] = ["Query values may not contain control or direction-override characters."];
            else if (takes is null)
                continue;
            else if (!takes.TryGetValue(name, out var type))
                errors[name] = [takes.Count == 0
                    ? "This route takes no query parameters."
                    : $"Unknown parameter: this route takes {string.Join(", ", takes.Keys.Order())}."];
            else if (type.IsArray)
            {
                // A list parameter (?commitment=a&commitment=b) is given once per value; each value is checked.
                if (values.Select(v => Problem(v ?? "", type.GetElementType()!)).FirstOrDefault(p => p is not null) is { } problem)
                    errors[name] = [problem];
            }
            else if (values.Count > 1)
                errors[name] = [$"Give {name} once."];
            else if (Problem(values.ToString(), type) is { } problem)
                errors[name] = [problem];
        }

        if (errors.Count == 0)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Problems.Validation(errors) });
    }

    /// <summary>The query parameters a handler takes: its simple parameters that are not in the route (names as the client writes them).</summary>
    private static IReadOnlyDictionary<string, Type> Of(HttpChain chain)
    {
        var route = chain.RoutePattern?.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        return chain.Method.Method.GetParameters()
            .Where(p => p.Name is not null && !route.Contains(p.Name) && IsSimple(p.ParameterType) && p.ParameterType != chain.RequestType)
            .ToDictionary(p => p.Name!, p => Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType, StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsSimple(Type type)
    {
        if (type.IsArray) return IsSimple(type.GetElementType()!);
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type == typeof(Guid) || type == typeof(int) || type == typeof(long) || type == typeof(bool) ||
               type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(decimal) || type.IsEnum;
    }

    /// <summary>What is wrong with <paramref name="value"/> for a parameter of <paramref name="type"/>, in the words of the body errors.</summary>
    public static string? Problem(string value, Type type)
    {
        if (type == typeof(string)) return value.Length > 500 ? "Use at most 500 characters." : null;
        if (string.IsNullOrWhiteSpace(value)) return "Give a value, or leave the parameter out.";
        if (type == typeof(Guid)) return Guid.TryParse(value, out _) ? null : "Use an id such as 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.";
        if (type == typeof(bool)) return bool.TryParse(value, out _) ? null : "Use true or false.";
        if (type == typeof(int) || type == typeof(long))
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : "Use a whole number.";
        if (type == typeof(decimal))
            return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? null : "Use a number.";
        if (type == typeof(DateOnly))
            return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? BusinessDates.Problem(date)
                : "Use a date such as 2026-03-31.";
        if (type == typeof(DateTimeOffset))
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
                ? null
                : "Use an instant such as 2026-03-31T09:00:00Z.";
        if (type.IsEnum) return Enum.TryParse(type, value, ignoreCase: true, out _) ? null : $"Use one of: {string.Join(", ", Enum.GetNames(type))}.";
        return null;
    }
}
