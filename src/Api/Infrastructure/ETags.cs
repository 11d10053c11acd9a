using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// A read of a stream-backed resource (api.md: "every read returns its version and an ETag"). The ETag names the
/// stream's version, which is what a later command's <c>If-Match</c> is checked against (<see cref="ETags"/>).
/// </summary>
public interface IStreamResource : IHttpAware
{
    long Version { get; }

    void IHttpAware.Apply(HttpContext context) => context.Response.Headers.ETag = ETags.Of(Version);

    // Wolverine leaves describing the response to a type that customises it: say it is the endpoint's JSON body.
    static void IEndpointMetadataProvider.PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
    {
        var type = method.ReturnType is { IsGenericType: true } generic && generic.GetGenericTypeDefinition() == typeof(Task<>)
            ? generic.GetGenericArguments()[0]
            : method.ReturnType;
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, type, ["application/json"]));
    }
}

/// <summary>ETags and <c>If-Match</c> as the stream version: <c>"7"</c>.</summary>
public static class ETags
{
    public static string Of(long version) => $"\"{version}\"";

    /// <summary>
    /// The version a command was decided on: its body's <c>expectedVersion</c>, else its <c>If-Match</c> header. A stale
    /// one answers 409 naming <c>currentVersion</c>, as api.md says, not 412.
    /// </summary>
    public static long? ExpectedVersion(object command, HttpContext? context)
    {
        var fromBody = (command as IExpectVersion)?.ExpectedVersion;
        var header = context?.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return fromBody;

        if (!EntityTagHeaderValue.TryParseList([header], out var tags) || tags.Count != 1 || tags[0].Tag.Length < 3 ||
            !long.TryParse(tags[0].Tag.AsSpan(1, tags[0].Tag.Length - 2), out var fromHeader))
        {
            if (tags is [{ Tag.Value: "*" }]) return fromBody; // "*": any version will do
            throw new InvalidRequest(new Dictionary<string, string[]> { ["If-Match"] = ["Give the ETag a read answered with, such as \"7\"."] });
        }
        if (fromBody is { } body && body != fromHeader)
            throw new InvalidRequest(new Dictionary<string, string[]> { ["If-Match"] = [$"It says version {fromHeader} and expectedVersion says {body}: give one."] });
        return fromHeader;
    }
}
