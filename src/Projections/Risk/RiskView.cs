using LoiTracker.Domain.Risk;

namespace LoiTracker.Projections.Risk;

/// <summary>
/// A commitment's risk as the daemon last worked it out (ADR 17): its level and reasons as of <see cref="AsOf"/>, the
/// next instant the clock alone would change it (<see cref="NextChangeAt"/>, which the sweep watches), and what the
/// graph needs: what it depends on (<see cref="UpstreamIds"/>, found through the GIN index for "what depends on X").
/// </summary>
public sealed class RiskView
{
    public Guid Id { get; set; }
    public Guid AgreementId { get; set; }
    public string Title { get; set; } = "";
    public string Workstream { get; set; } = "";
    public List<Guid> Parties { get; set; } = [];
    public bool Closed { get; set; }
    public RiskLevel Level { get; set; }
    /// <summary>The level as a number, for "worst first" and "at least at-risk" in SQL (the level itself is stored by name).</summary>
    public int Rank { get; set; }
    public List<RiskReason> Reasons { get; set; } = [];
    public DateTimeOffset? NextChangeAt { get; set; }
    public DateTimeOffset AsOf { get; set; }
    public List<Guid> UpstreamIds { get; set; } = [];
    public List<RiskEdgeView> Edges { get; set; } = [];

    public NodeRisk Risk => new(Level, Reasons, NextChangeAt);
}

/// <summary>A dependency as the graph draws it: from this commitment to what it needs, and whether their dates conflict.</summary>
public sealed record RiskEdgeView(Guid DependencyId, Guid UpstreamCommitmentId, Guid? UpstreamMilestoneId, bool Conflict, bool Illustrative);
