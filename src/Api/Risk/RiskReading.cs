using LoiTracker.Api.Access;
using LoiTracker.Api.Commitments;
using LoiTracker.Domain.Risk;
using LoiTracker.Projections.Risk;
using DomainReason = LoiTracker.Domain.Risk.RiskReason;

namespace LoiTracker.Api.Risk;

/// <summary>
/// Risk as a reader sees it (ADR 17): the level by name, the reasons with their chains, and as of when the daemon worked
/// it out. A chain never names a commitment outside the reader's scope (ADR 16): such a hop reads "outside your scope",
/// and so does the sentence that would have named it.
/// </summary>
public static class RiskReading
{
    public static async Task<IReadOnlyDictionary<Guid, RiskSummary>> Summaries(IReadOnlyCollection<RiskView> views, Visibility visibility)
    {
        var seen = await visibility.Visible(ScopedKind.Commitment, views.SelectMany(v => v.Reasons).SelectMany(r => r.Chain)
            .Where(l => l.Kind == "commitment").Select(l => l.Id));
        return views.ToDictionary(v => v.Id, v => Summary(v, seen));
    }

    public static RiskSummary Summary(RiskView view, IReadOnlySet<Guid> seen) =>
        view.Level == RiskLevel.None
            ? RiskSummary.None with { AsOf = view.AsOf }
            : new RiskSummary(RiskLevelNames.Of(view.Level), [.. view.Reasons.Select(r => Masked(r, seen))], view.AsOf);

    /// <summary>The reason with every hop past the first hidden commitment replaced: that it exists, never what it is.</summary>
    public static Commitments.RiskReason Masked(DomainReason reason, IReadOnlySet<Guid> seen)
    {
        var chain = new List<RiskNode>();
        var hidden = false;
        foreach (var link in reason.Chain)
        {
            if (link.Kind == "commitment" && !seen.Contains(link.Id)) hidden = true;
            chain.Add(hidden ? new RiskNode("outside-scope", Guid.Empty, "Outside your scope") : new RiskNode(link.Kind, link.Id, link.Title));
        }
        var summary = hidden ? $"{reason.Chain[0].Title} {RiskLevelNames.Of(reason.Level)}: depends on a commitment outside your scope" : reason.Summary;
        return new Commitments.RiskReason(reason.Code, summary, chain.DistinctBy(n => (n.Kind, n.Id, n.Title)).ToList());
    }
}
