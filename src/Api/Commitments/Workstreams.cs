namespace LoiTracker.Api.Commitments;

/// <summary>
/// The workstream catalogue (domain.md): codes, not a closed enum. Deployments add their own under
/// <c>Workstreams:Additional</c> in configuration.
/// </summary>
public sealed class Workstreams
{
    public static readonly string[] Standard =
    [
        "memory-supply", "datacenter-design", "datacenter-construction", "datacenter-operations", "enterprise-ai-services",
        "resale", "floating-datacenter", "floating-power", "floating-control-center", "energy", "other"
    ];

    public Workstreams(IConfiguration configuration) =>
        Codes = [.. Standard.Concat(configuration.GetSection("Workstreams:Additional").Get<string[]>() ?? []).Distinct()];

    public IReadOnlyList<string> Codes { get; }

    public bool Knows(string? code) => code is not null && Codes.Contains(code);

    /// <summary>"floating-power" reads "Floating power"; "datacenter-design" reads "Data center design".</summary>
    public static string NameOf(string code)
    {
        var words = code.Replace("datacenter", "data center").Replace("enterprise-ai", "enterprise AI").Split('-', StringSplitOptions.RemoveEmptyEntries);
        var name = string.Join(' ', words);
        return name.Length == 0 ? code : char.ToUpperInvariant(name[0]) + name[1..];
    }
}
