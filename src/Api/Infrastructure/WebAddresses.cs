namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// Addresses a record may point to (a source's URL, a document's URI): absolute http or https with a host. Never
/// <c>javascript:</c>, <c>data:</c>, <c>file:</c> or a UNC path, which a reader's browser or desktop would run or open.
/// </summary>
public static class WebAddresses
{
    public const string Rule = "Give an absolute http or https address, such as https://example.com/press-release.";

    public static bool IsAllowed(string? address) =>
        Uri.TryCreate(address?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host) &&
        !uri.IsUnc && !address!.TrimStart().StartsWith(@"\\", StringComparison.Ordinal);
}
