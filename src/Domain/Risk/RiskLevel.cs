namespace LoiTracker.Domain.Risk;

/// <summary>How much a commitment is at risk (ADR 17). <c>atRisk=true</c> means <see cref="AtRisk"/> or <see cref="Critical"/>.</summary>
public enum RiskLevel
{
    None = 0,
    Watch = 1,
    AtRisk = 2,
    Critical = 3
}

public static class RiskLevelNames
{
    private static readonly Dictionary<RiskLevel, string> Names = new()
    {
        [RiskLevel.None] = "none", [RiskLevel.Watch] = "watch", [RiskLevel.AtRisk] = "at-risk", [RiskLevel.Critical] = "critical"
    };

    /// <summary>The levels a reader filters by, worst last.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Values];

    public static string Of(RiskLevel level) => Names[level];

    public static bool TryParse(string? name, out RiskLevel level)
    {
        foreach (var (value, text) in Names)
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase))
            {
                level = value;
                return true;
            }
        level = RiskLevel.None;
        return false;
    }
}

/// <summary>
/// The clock crossed a date some commitments' risk hangs on (a milestone coming due, a period ending): the sweep records
/// it, so the daemon, the one writer of risk, works those commitments out again as of <see cref="AsOf"/> (ADR 17).
/// </summary>
public sealed record RiskClockAdvanced(DateTimeOffset AsOf, IReadOnlyList<Guid> CommitmentIds);
