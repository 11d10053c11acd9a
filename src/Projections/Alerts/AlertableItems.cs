using System.Security.Cryptography;
using System.Text;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Alerts;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Conditions;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Risk;

namespace LoiTracker.Projections.Alerts;

/// <summary>
/// What the alert sweep looks at, read through indexes (ADR 19): milestones falling due within the longest lead time
/// (or overdue) and not done, key dates of agreements still in force, open conditions past their expected date,
/// breaches awaiting cure, and commitments at risk. Nothing else in the store is read.
/// </summary>
public static class AlertableItems
{
    public static async Task<List<AlertableItem>> Read(IQuerySession session, DateTimeOffset now, CancellationToken token)
    {
        var horizon = now.AddDays(LeadTimes.Default.Max() + 2);
        var milestones = await session.Query<MilestoneScheduleView>()
            .Where(m => m.FallsDueAt != null && m.FallsDueAt <= horizon && !m.Completed && !m.Closed).ToListAsync(token);
        var today = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        var conditions = await session.Query<ConditionView>()
            .Where(c => c.Status == ConditionStatus.Open && c.ExpectedBy != null && c.ExpectedBy <= today).ToListAsync(token);
        var breaches = await session.Query<CommitmentView>().Where(c => c.Status == CommitmentStatus.BreachNoticed).ToListAsync(token);
        var risks = await session.Query<RiskView>().Where(r => r.Rank >= AlertRules.RiskAtRisk).ToListAsync(token);
        // Agreements are few; their key dates live on them. Those that ended have nothing left to remind of.
        var agreements = (await session.Query<AgreementView>()
            .Where(a => a.Status != AgreementStatus.Terminated && a.Status != AgreementStatus.Abandoned && a.Status != AgreementStatus.Superseded)
            .ToListAsync(token)).ToDictionary(a => a.Id);
        var reschedules = (await session.LoadManyAsync<MilestoneView>(token, milestones.Select(m => m.Id))).ToDictionary(m => m.Id, m => m.Reschedules.Count);
        var commitments = (await session.LoadManyAsync<CommitmentView>(token, risks.Select(r => r.Id)))
            .ToDictionary(c => c.Id);

        string Zone(Guid? agreement) => agreement is { } a && agreements.GetValueOrDefault(a) is { } view ? view.TimeZone : BusinessCalendar.DefaultTimeZone;
        var items = new List<AlertableItem>();
        items.AddRange(milestones.Select(m => new AlertableItem(AlertItemKinds.Milestone, m.Id, m.Title, m.AgreementId, m.CommitmentId, m.DueOn,
            Zone(m.AgreementId), reschedules.GetValueOrDefault(m.Id), false, m.Parties, m.OwnerPartyId, m.Assignee, LeadTimes.Default)));
        items.AddRange(agreements.Values.SelectMany(a => a.KeyDates.Select(k => new AlertableItem(AlertItemKinds.KeyDate, KeyDateId(a.Id, k.Kind),
            $"{a.Title}: {k.Kind}{(k.Note is null ? "" : $" ({k.Note})")}", a.Id, null, k.Date, a.TimeZone, k.Date.DayNumber, false,
            [.. a.Parties.Select(p => p.PartyId)], null, null, LeadTimes.Default))));
        items.AddRange(conditions.Select(c => new AlertableItem(AlertItemKinds.Condition, c.Id, c.Title, c.AgreementId, null, c.ExpectedBy,
            c.TimeZone ?? Zone(c.AgreementId), c.ExpectedBy!.Value.DayNumber, false, [], null, null, [])));
        items.AddRange(breaches.Where(c => c.Breach is not null).Select(c => new AlertableItem(AlertItemKinds.Breach, c.Id, c.Title, c.AgreementId, c.Id,
            c.Breach!.CureBy, Zone(c.AgreementId), (int)(c.Breach.NoticedAt.ToUnixTimeSeconds() % int.MaxValue), false, c.Parties, null, c.Owner,
            LeadTimes.Default)));
        items.AddRange(risks.Where(r => !r.Closed).Select(r => new AlertableItem(AlertItemKinds.Risk, r.Id, r.Title, r.AgreementId, r.Id, null,
            Zone(r.AgreementId), r.Rank, false, r.Parties, null, commitments.GetValueOrDefault(r.Id)?.Owner, [], r.Rank)));
        return items;
    }

    /// <summary>A key date's identity: its agreement and kind (an agreement has one date of each kind).</summary>
    public static Guid KeyDateId(Guid agreementId, KeyDateKind kind)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"key-date|{agreementId:N}|{kind}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
