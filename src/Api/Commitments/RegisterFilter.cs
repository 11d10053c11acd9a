using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Projections.Commitments;
using Marten;

namespace LoiTracker.Api.Commitments;

/// <summary>The register's filters (api.md), shared by the list and the CSV export.</summary>
public sealed record RegisterFilter(Guid? Party, Guid? Obligor, Guid? Beneficiary, string? Workstream, string? Status, bool? Binding,
    Guid? Agreement, bool? AtRisk, string? Q)
{
    /// <summary>The commitments at risk or critical, read when <see cref="AtRisk"/> is asked (through the risk view's rank index).</summary>
    public Guid[]? AtRiskIds { get; init; }

    /// <summary>This filter with what <c>atRisk</c> needs read from the risk view (ADR 17): at-risk means at-risk or critical.</summary>
    public async Task<RegisterFilter> WithRisk(IQuerySession session, CancellationToken token) => AtRisk is null ? this : this with
    {
        AtRiskIds = [.. await session.Query<Projections.Risk.RiskView>().Where(r => r.Rank >= (int)Domain.Risk.RiskLevel.AtRisk).Select(r => r.Id)
            .ToListAsync(token)]
    };

    public IQueryable<CommitmentView> Apply(IQueryable<CommitmentView> query)
    {
        var open = string.Equals(Status, CommitmentStatuses.OpenFilter, StringComparison.OrdinalIgnoreCase);
        if (Status is not null && !open && !Enum.TryParse<CommitmentStatus>(Status, ignoreCase: true, out _))
            throw new InvalidRequest(new Dictionary<string, string[]>
                { ["status"] = [$"Use one of: {string.Join(", ", CommitmentStatuses.All)}."] });

        if (Party is { } party) query = query.Where(c => c.Parties.Contains(party));
        if (Obligor is { } obligor) query = query.Where(c => c.Obligors.Contains(obligor));
        if (Beneficiary is { } beneficiary) query = query.Where(c => c.Beneficiaries.Contains(beneficiary));
        if (!string.IsNullOrWhiteSpace(Workstream)) query = query.Where(c => c.Workstream == Workstream.Trim());
        if (open) query = query.Where(c => c.Status.IsOneOf(CommitmentStatuses.Open));
        else if (Status is not null)
        {
            var status = Enum.Parse<CommitmentStatus>(Status, ignoreCase: true);
            query = query.Where(c => c.Status == status);
        }
        if (Binding is { } binding) query = query.Where(c => c.Binding == binding);
        if (Agreement is { } agreement) query = query.Where(c => c.AgreementId == agreement);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim();
            query = query.Where(c => c.Title.Contains(text, StringComparison.OrdinalIgnoreCase) || c.Terms.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
        if (AtRisk is { } atRisk)
        {
            var risky = AtRiskIds ?? throw new InvalidOperationException("Read the risk first: RegisterFilter.WithRisk.");
            query = atRisk ? query.Where(c => c.Id.IsOneOf(risky)) : query.Where(c => !c.Id.IsOneOf(risky));
        }
        return query.OrderBy(c => c.Workstream).ThenBy(c => c.Title).ThenBy(c => c.Id);
    }
}
