using JasperFx.Events;
using LoiTracker.Api.Audit;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Reading;

namespace LoiTracker.Api.Commitments;

/// <summary>
/// The register as it was known at a past instant (<c>GET /api/commitments?asOf=</c> and its CSV), by replay (ADR 18):
/// every commitment that existed then is folded to its version then (deliveries left out: they are summed), the
/// filters and the order applied to those, and only the page's rows join agreements, parties, conditions and delivery
/// sums as they were. Its cost grows with the commitments and their non-delivery events, not with deliveries.
/// </summary>
public static class RegisterAsKnown
{
    public sealed record Matches(IReadOnlyList<CommitmentView> Views, ILookup<Guid, IEvent> Events, IReadOnlyDictionary<Guid, long> Versions);

    public static async Task<Matches> Matching(RegisterFilter filter, PastRecords past, Access.Visibility visibility, CancellationToken token)
    {
        if (filter.AtRisk is not null)
            throw new InvalidRequest(new Dictionary<string, string[]>
                { ["atRisk"] = ["Risk is kept for now, not for past instants: leave atRisk out when asking asOf."] });
        var versions = await past.AllCommitments(token);
        if (await visibility.CommitmentIds() is { } seen)
        {
            var visible = seen.ToHashSet();
            versions = versions.Where(v => visible.Contains(v.Key)).ToDictionary();
        }
        var events = await past.Events(versions, token);
        var views = versions.Keys.Select(id => PastRecords.Commitment(id, events[id])).OfType<CommitmentView>().ToList();
        return new Matches([.. filter.Apply(views.AsQueryable())], events, versions);
    }

    public static async Task<IReadOnlyList<RegisterRow>> Rows(IQuerySession session, IReadOnlyList<CommitmentView> views, Matches matches,
        PastRecords past, CancellationToken token)
    {
        if (views.Count == 0) return [];
        var now = past.At.JudgedAt;
        var milestones = views.SelectMany(v => PastRecords.MilestonesOf(matches.Events[v.Id])).ToList();
        var agreements = await past.AgreementsOf(views.Select(v => v.AgreementId), token);
        var parties = await past.PartiesOf(views.SelectMany(v => v.Parties), token);
        var conditions = await past.ConditionsOf(views.SelectMany(v => v.ConditionIds).Concat(milestones.SelectMany(m => m.ConditionIds)), token);
        var scheduled = (await Schedules.Resolve(session, milestones, now, token, views.ToDictionary(v => v.Id), agreements, conditions))
            .ToLookup(m => m.CommitmentId);
        var facts = await past.Facts(views.ToDictionary(v => v.Id, v => matches.Versions[v.Id]), token);

        return [.. views.Select(v => RegisterRows.Row(v, agreements.GetValueOrDefault(v.AgreementId), parties, scheduled[v.Id], facts,
            PastRecords.RiskNotKept, now))];
    }
}
