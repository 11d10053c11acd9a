using LoiTracker.Api.Access;
using LoiTracker.Api.Commitments;
using LoiTracker.Domain.Risk;
using LoiTracker.Projections.Risk;

namespace LoiTracker.Api.Risk;

/// <summary>A commitment at risk: its level, why (each reason with its chain), and as of when the daemon worked it out.</summary>
public sealed record RiskRow(Guid Id, string Title, Guid AgreementId, string Workstream, string Level, IReadOnlyList<Commitments.RiskReason> Reasons,
    DateTimeOffset AsOf, string Commitment);

public static class ListRiskEndpoint
{
    /// <summary>
    /// What is at risk, worst first: commitments at <c>watch</c> or worse (<c>level</c> picks one), each with its reasons
    /// and the chains that lead there. <c>party</c>, <c>workstream</c>, <c>agreement</c> narrow it (ADR 17).
    /// </summary>
    [WolverineGet("/api/risk"), Authorize(Policy = Can.Read)]
    [Scoped("the commitments the user sees (Visibility.Page); chains mask what it does not see")]
    public static async Task<PageOf<RiskRow>> Get(Guid? party, string? workstream, Guid? agreement,
        [OneOf(typeof(RiskLevels))] string? level, int? page, int? pageSize, IQuerySession session, Visibility visibility, CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        RiskLevel? only = null;
        if (level is not null)
        {
            if (!RiskLevelNames.TryParse(level, out var parsed) || parsed == RiskLevel.None)
                throw new InvalidRequest(new Dictionary<string, string[]> { ["level"] = [$"Use one of: {string.Join(", ", RiskLevels.All)}."] });
            only = parsed;
        }
        var query = session.Query<RiskView>().Where(r => r.Rank > 0);
        if (only is { } exact) query = query.Where(r => r.Rank == (int)exact);
        if (party is { } p) query = query.Where(r => r.Parties.Contains(p));
        if (!string.IsNullOrWhiteSpace(workstream)) query = query.Where(r => r.Workstream == workstream.Trim());
        if (agreement is { } a) query = query.Where(r => r.AgreementId == a);

        var results = await visibility.Page(() => query.OrderByDescending(r => r.Rank).ThenBy(r => r.Title).ThenBy(r => r.Id), paging, token);
        var summaries = await RiskReading.Summaries([.. results.Items], visibility);
        return new PageOf<RiskRow>([.. results.Items.Select(r => new RiskRow(r.Id, r.Title, r.AgreementId, r.Workstream, RiskLevelNames.Of(r.Level),
                summaries[r.Id].Reasons, r.AsOf, $"/api/commitments/{r.Id}"))],
            results.Total, paging.Page, paging.PageSize);
    }
}

/// <summary>The levels a reader filters risk by.</summary>
public static class RiskLevels
{
    public static readonly string[] All = [.. RiskLevelNames.All.Where(l => l != "none")];
}
