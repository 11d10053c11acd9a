using System.Security.Claims;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Conditions;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Notes;
using LoiTracker.Projections.Reading;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

public static class GetCommitmentEndpoint
{
    /// <summary>A commitment with its milestones, conditions, deliveries against its quantity, dependencies and notes.</summary>
    [WolverineGet("/api/commitments/{id}"), Authorize(Policy = Can.Read)]
    public static async Task<CommitmentDetails> Get(Guid id, IQuerySession session, TimeProvider clock, ClaimsPrincipal user,
        Access.Visibility visibility, Access.ReadLog reads, CancellationToken token)
    {
        var batch = session.CreateBatchQuery();
        var viewing = batch.Load<CommitmentView>(id);
        var milestonesQuery = batch.Query<MilestoneView>().Where(m => m.CommitmentId == id).ToList();
        await batch.Execute(token);
        var view = await viewing ?? throw new NotFound("Commitment", id);
        var recent = (await DeliveryEvents.Of(session, [id]).OrderByDescending(e => e.Version).Take(20).ToListAsync(token))
            .Select(DeliveryEvents.ToView).ToList();
        var now = clock.GetUtcNow();

        var milestones = await Schedules.Resolve(session, [.. await milestonesQuery], now, token, new Dictionary<Guid, CommitmentView> { [id] = view });
        var agreement = await session.LoadAsync<Projections.Agreements.AgreementView>(view.AgreementId, token);
        var parties = await References.Parties(session, view.Parties, token);
        var conditions = await session.LoadManyAsync<ConditionView>(token, view.ConditionIds);
        var dependencies = await DependenciesOf(session, view, visibility, token);
        var linked = await visibility.Visible(Access.ScopedKind.Commitment,
            new[] { view.CarriedForwardToCommitment, view.CarriedOverFromCommitment }.OfType<Guid>());
        var privileged = user.May(Can.ReadPrivilegedNotes);
        var facts = await CurrentFacts.For(session, [id], token);
        var risk = await session.LoadAsync<Projections.Risk.RiskView>(id, token) is { } riskView
            ? (await Risk.RiskReading.Summaries([riskView], visibility))[id]
            : RiskSummary.None;
        var deliveries = facts.DeliveriesOf(id);

        return new CommitmentDetails(view.Id, facts.VersionOf(view), view.Title, view.Terms, view.ProvisionRef, References.AgreementOf(agreement, now),
            References.PartiesOf(view.Obligors, parties), References.PartiesOf(view.Beneficiaries, parties), view.Workstream, view.Binding,
            view.Status, view.Owner, facts.ProgressOf(view, agreement?.TimeZone ?? BusinessCalendar.DefaultTimeZone, now), deliveries.ByPeriod,
            deliveries.Count, view.Value,
            [.. conditions.Select(c => new ConditionRef(c.Id, c.Title, c.Kind, c.Status, c.ExpectedBy, c.SettledOn))],
            [.. milestones.OrderBy(m => m.DueOn ?? DateOnly.MaxValue)], recent, dependencies, view.Breach, view.Closed,
            view.CarriedForwardToCommitment is { } to && linked.Contains(to) ? new CommitmentLinkRef(view.CarriedForwardToAgreement!.Value, to) : null,
            view.CarriedOverFromCommitment is { } from && linked.Contains(from) ? new CommitmentLinkRef(view.CarriedOverFromAgreement!.Value, from) : null,
            await reads.Shown(await NotesReading.For(session, view.Id, view.Notes, privileged, token), token), risk, view.MadeAt, view.MadeBy, facts.LastChangeOf(view),
            view.BeneficiariesIllustrative);
    }

    /// <summary>
    /// What the commitment depends on. A dependency on something the user does not see shows that it exists, never what
    /// it is (ADR 16): no id, no title, no note.
    /// </summary>
    private static async Task<IReadOnlyList<DependencyRef>> DependenciesOf(IQuerySession session, CommitmentView view,
        Access.Visibility visibility, CancellationToken token)
    {
        if (view.Dependencies.Count == 0) return [];
        var milestones = (await session.LoadManyAsync<MilestoneView>(token,
            view.Dependencies.Select(d => d.DependsOnMilestoneId).OfType<Guid>())).ToDictionary(m => m.Id);
        var commitmentIds = view.Dependencies.Select(d => d.DependsOnCommitmentId).OfType<Guid>().Concat(milestones.Values.Select(m => m.CommitmentId));
        var seen = await visibility.Visible(Access.ScopedKind.Commitment, commitmentIds);
        var commitments = (await session.LoadManyAsync<CommitmentView>(token, commitmentIds.Distinct())).ToDictionary(c => c.Id);
        return [.. view.Dependencies.Select(d => !seen.Contains(d.DependsOnMilestoneId is { } on && milestones.GetValueOrDefault(on) is { } target
                ? target.CommitmentId
                : d.DependsOnCommitmentId ?? Guid.Empty)
            ? DependencyRef.OutsideScope(d.Id, d.Illustrative)
            : d.DependsOnMilestoneId is { } mid && milestones.GetValueOrDefault(mid) is { } m
            ? new DependencyRef(d.Id, "milestone", mid, m.Title, m.CommitmentId, d.Note, d.Illustrative)
            : new DependencyRef(d.Id, "commitment", d.DependsOnCommitmentId ?? Guid.Empty,
                commitments.GetValueOrDefault(d.DependsOnCommitmentId ?? Guid.Empty)?.Title ?? "(unknown)", d.DependsOnCommitmentId ?? Guid.Empty,
                d.Note, d.Illustrative))];
    }
}
