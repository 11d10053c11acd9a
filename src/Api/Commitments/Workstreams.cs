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
}
