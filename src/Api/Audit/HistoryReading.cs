using System.Security.Claims;
using JasperFx.Events;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Audit;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Notes;
using LoiTracker.Domain.Parties;
using LoiTracker.Projections.Agreements;
using LoiTracker.Projections.Audit;
using LoiTracker.Projections.Commitments;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Reading;

namespace LoiTracker.Api.Audit;

public sealed record Actor(string? Subject, string? Name);

/// <summary>
/// One recorded change as a history, the change feed or the audit log shows it: who, when it was committed (record
/// time) and recorded, why, from what source, and a sentence a lawyer can read. <c>text</c> carries a note's text, for a
/// privileged note only to those who may read legal advice.
/// </summary>
public sealed record HistoryEntry(long Sequence, Guid RecordId, string RecordKind, long Version, string EventType, DateTimeOffset CommittedAt,
    DateTimeOffset RecordedAt, Actor Actor, string? Reason, Source? Source, string? CorrelationId, string Sentence, bool Privileged, string? Text);

/// <summary>A page of the audit trail, with the instant up to which it is complete (every change committed by then is in it).</summary>
public sealed record AuditPage<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize, DateTimeOffset? KnownUntil);

/// <summary>Turns audit entries into what a reader sees (issue 11): sentences, privileged notes masked by role, names limited by scope.</summary>
public static class HistoryReading
{
    public static async Task<IReadOnlyList<HistoryEntry>> Entries(IReadOnlyList<AuditEntry> entries, IQuerySession session, ClaimsPrincipal user,
        Access.Visibility visibility, Access.ReadLog reads, CancellationToken token)
    {
        if (entries.Count == 0) return [];
        var seqs = entries.Select(e => e.Sequence).ToArray();
        var events = (await session.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(seqs)).ToListAsync(token)).ToDictionary(e => e.Sequence);
        var names = await NamesFor(entries, events.Values.Select(e => e.Data).ToList(), session, visibility, token);
        var mayReadAdvice = user.May(Can.ReadPrivilegedNotes);

        var shown = 0;
        var result = entries.Select(entry =>
        {
            var data = events.GetValueOrDefault(entry.Sequence)?.Data;
            var sentence = data is null
                ? $"{entry.ActorName ?? "The system"} recorded {entry.EventType.Replace('_', ' ')}"
                : ChangeSentences.Describe(data, entry.ActorName, entry.Reason, entry.Source, names);
            string? text = data switch
            {
                NoteAdded { Privileged: false } note => note.Text,
                NoteAdded note when mayReadAdvice => note.Text,
                PrivilegedNoteAdded note when mayReadAdvice => note.Text,
                _ => null
            };
            if (entry.Privileged && text is not null) shown++;
            return new HistoryEntry(entry.Sequence, entry.RecordId, entry.RecordKind, entry.Version, entry.EventType, entry.CommittedAt,
                entry.RecordedAt, new Actor(entry.ActorSubject, entry.ActorName), entry.Reason, entry.Source, entry.CorrelationId, sentence,
                entry.Privileged, text);
        }).ToList();
        if (shown > 0) await reads.Record(Access.ReadLog.PrivilegedNotes, shown, token);
        return result;
    }

    /// <summary>Privileged notes: text for legal and admin, the fact (who, when) for auditors, nothing for anyone else (ADR 2).</summary>
    public static bool SeesPrivilegedEntries(ClaimsPrincipal user) => user.May(Can.ReadPrivilegedNotes) || user.May(Can.Audit);

    /// <summary>The names the sentences use, as they stand now; what the user does not see stays unnamed (ADR 16).</summary>
    private static async Task<SentenceNames> NamesFor(IReadOnlyList<AuditEntry> entries, IReadOnlyList<object> data, IQuerySession session,
        Access.Visibility visibility, CancellationToken token)
    {
        var partyIds = new HashSet<Guid>();
        var milestoneIds = new HashSet<Guid>();
        var commitmentIds = new HashSet<Guid>();
        var agreementIds = new HashSet<Guid>();
        foreach (var d in data)
        {
            switch (d)
            {
                case CommitmentMade e: partyIds.UnionWith(e.Obligors); partyIds.UnionWith(e.Beneficiaries); break;
                case PartyJoinedAgreement e: partyIds.Add(e.PartyId); break;
                case AgreementSignedByParty e: partyIds.Add(e.PartyId); break;
                case CommitmentWaived e: partyIds.Add(e.ByPartyId); break;
                case PartyJoinedGroup e: partyIds.Add(e.PartyId); break;
                case PartyLeftGroup e: partyIds.Add(e.PartyId); break;
                case MilestoneRescheduled e: milestoneIds.Add(e.MilestoneId); break;
                case MilestoneCompleted e: milestoneIds.Add(e.MilestoneId); break;
                case MilestoneAssigned e: milestoneIds.Add(e.MilestoneId); break;
                case DependencyDeclared e:
                    if (e.DependsOnMilestoneId is { } m) milestoneIds.Add(m);
                    if (e.DependsOnCommitmentId is { } c) commitmentIds.Add(c);
                    break;
                case CommitmentCarriedForward e: commitmentIds.Add(e.ToCommitmentId); agreementIds.Add(e.ToAgreementId); break;
                case CommitmentCarriedOver e: commitmentIds.Add(e.FromCommitmentId); agreementIds.Add(e.FromAgreementId); break;
                case AgreementAmended e: agreementIds.Add(e.AmendmentId); break;
                case AgreementSuperseded e: agreementIds.UnionWith(e.ByAgreementIds); break;
                case Domain.Conditions.ConditionSatisfied { ByAgreementId: { } a }: agreementIds.Add(a); break;
            }
        }
        var milestones = (await session.LoadManyAsync<MilestoneView>(token, milestoneIds)).ToList();
        commitmentIds.UnionWith(milestones.Select(m => m.CommitmentId));
        var seenCommitments = await visibility.Visible(Access.ScopedKind.Commitment, commitmentIds);
        var seenAgreements = await visibility.Visible(Access.ScopedKind.Agreement, agreementIds);
        var seenParties = await visibility.Visible(Access.ScopedKind.Party, partyIds);
        var parties = await References.Parties(session, partyIds.Where(seenParties.Contains), token);
        var agreements = await References.Agreements(session, agreementIds.Where(seenAgreements.Contains), token);
        var commitments = await session.LoadManyAsync<CommitmentView>(token, commitmentIds.Where(seenCommitments.Contains));
        return new SentenceNames(
            parties.ToDictionary(p => p.Key, p => p.Value.Name),
            milestones.Where(m => seenCommitments.Contains(m.CommitmentId)).ToDictionary(m => m.Id, m => m.Title),
            commitments.ToDictionary(c => c.Id, c => c.Title),
            agreements.ToDictionary(a => a.Key, a => a.Value.Title));
    }

    /// <summary>A page of one record's history, oldest first.</summary>
    public static async Task<AuditPage<HistoryEntry>> Of(Guid recordId, int? page, int? pageSize, IQuerySession session, ClaimsPrincipal user,
        Access.Visibility visibility, Access.ReadLog reads, CancellationToken token)
    {
        var paging = Paging.From(page, pageSize);
        var mark = await AuditCopy.Read(session, token);
        var (items, total) = await AuditEntries.Page(session.DocumentStore,
            new AuditQuery(Record: recordId, WithPrivileged: SeesPrivilegedEntries(user)), paging.Skip, paging.PageSize, newestFirst: false, token);
        return new AuditPage<HistoryEntry>(await Entries(items, session, user, visibility, reads, token), total, paging.Page, paging.PageSize,
            mark.KnownUntil);
    }
}
