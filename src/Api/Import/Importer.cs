using FluentValidation;
using LoiTracker.Api.Agreements;
using LoiTracker.Api.Commitments;
using LoiTracker.Api.Conditions;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Api.Milestones;
using LoiTracker.Api.Parties;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Imports;
using LoiTracker.Domain.Parties;
using LoiTracker.Projections.Imports;
using Marten;

namespace LoiTracker.Api.Import;

/// <summary>
/// Imports a bundle all or nothing (docs/adr/0009-import-bundles.md). Each item becomes the request a person would
/// send and runs that request's validator and its use case (the same load-and-decide as the endpoint), against the
/// store with the bundle's earlier items staged on top (<see cref="ImportContext"/>). Only when nothing was rejected
/// are the streams written, in one transaction. Items whose key an earlier import created are matched and left
/// alone, so a second import of the same bundle creates nothing.
/// </summary>
/// <param name="sendPage">
/// Sends what the session holds so far, inside the transaction its caller commits once (<see cref="Writes.Batch{TResult}"/>):
/// a large bundle is then written in pages. Without it, everything is sent when the caller saves.
/// </param>
public sealed class Importer(IDocumentSession session, TimeProvider clock, Workstreams workstreams, Func<CancellationToken, Task>? sendPage = null)
{
    private const string PartyKind = "party", AgreementItem = "agreement", ConditionItem = "condition",
        CommitmentKind = "commitment", MilestoneKind = "milestone";

    private const int ItemsPerRecord = 1000;

    // Validators hold no state: one of each serves every item.
    private static readonly RegisterParty.Validator PartyRules = new();
    private static readonly DraftAgreement.Validator DraftRules = new();
    private static readonly RecordProvision.Validator ProvisionRules = new();
    private static readonly SetKeyDate.Validator KeyDateRules = new();
    private static readonly SignAgreement.Validator SignRules = new();
    private static readonly AddAgreementNote.Validator AgreementNoteRules = new();
    private static readonly RecordCondition.Validator ConditionRules = new();
    private static readonly AddCommitmentNote.Validator CommitmentNoteRules = new();
    private static readonly PlanMilestone.Validator MilestoneRules = new();
    private static readonly DeclareDependency.Validator DependencyRules = new();
    private readonly MakeCommitment.Validator _commitmentRules = new(workstreams);

    private readonly List<ImportRejection> _rejected = [];
    private readonly List<ImportItemRef> _created = [];
    private readonly List<ImportItemRef> _matched = [];
    private readonly Dictionary<string, Guid> _ids = [];
    private readonly HashSet<string> _new = [];
    private ImportContext _context = null!;

    public async Task<ImportReport> Import(Bundle bundle, CancellationToken token)
    {
        var parties = bundle.Parties ?? [];
        var agreements = bundle.Agreements ?? [];
        var conditions = bundle.Conditions ?? [];
        var commitments = bundle.Commitments ?? [];
        var milestones = bundle.Milestones ?? [];

        var keyed = parties.Select(p => (PartyKind, p.Key)).Concat(agreements.Select(a => (AgreementItem, a.Key)))
            .Concat(conditions.Select(c => (ConditionItem, c.Key))).Concat(commitments.Select(c => (CommitmentKind, c.Key)))
            .Concat(milestones.Select(m => (MilestoneKind, m.Key))).ToList();
        if (!KeysAreSound(keyed)) return Report();

        // What earlier imports created is matched by key; every new item gets its id now, so references resolve in any order.
        var existing = (await session.LoadManyAsync<ImportKey>(token, keyed.Select(k => ImportKey.For(k.Item1, k.Key!)).ToArray()))
            .ToDictionary(k => k.Id);
        foreach (var (kind, key) in keyed)
        {
            var id = ImportKey.For(kind, key!);
            if (existing.TryGetValue(id, out var found))
            {
                _ids[id] = found.TargetId;
                _matched.Add(new ImportItemRef(kind, key!, found.TargetId));
            }
            else
            {
                _ids[id] = Ids.New();
                _new.Add(id);
            }
        }

        _context = new ImportContext(session, clock.GetUtcNow(), token);
        await _context.KnowNames(parties.Where(p => IsNew(PartyKind, p.Key) && !string.IsNullOrWhiteSpace(p.Name)).Select(p => p.Name!));

        foreach (var party in parties.Where(p => IsNew(PartyKind, p.Key))) await ImportParty(party);
        foreach (var agreement in InParentOrder(agreements).Where(a => IsNew(AgreementItem, a.Key))) await ImportAgreement(agreement);
        foreach (var condition in conditions.Where(c => IsNew(ConditionItem, c.Key))) await ImportCondition(condition);
        foreach (var commitment in commitments.Where(c => IsNew(CommitmentKind, c.Key))) await ImportCommitment(commitment);
        foreach (var milestone in AnchorsFirst(milestones).Where(m => IsNew(MilestoneKind, m.Key))) await ImportMilestone(milestone);
        var rejectedCommitments = _rejected.Where(r => r.Kind == CommitmentKind).Select(r => r.Key).ToHashSet();
        foreach (var commitment in commitments.Where(c => IsNew(CommitmentKind, c.Key) && !rejectedCommitments.Contains(c.Key)))
            await ImportDependencies(commitment);

        if (_rejected.Count == 0 && _created.Count > 0)
        {
            await _context.Write(sendPage);
            await Record(bundle.Name, token);
        }
        return Report();
    }

    /// <summary>
    /// Records what the import created, under its keys: one <see cref="BundleImported"/> per page of items in the
    /// import's stream, the first counting the matched ones. Each item becomes an <see cref="ImportKey"/> document, and
    /// Marten compares each document it queues with every one queued before in its unit of work.
    /// </summary>
    private async Task Record(string? name, CancellationToken token)
    {
        var importId = Ids.New();
        var pages = _created.Chunk(ItemsPerRecord).ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            var recorded = new BundleImported(importId, name, [.. pages[i].Select(c => new ImportedItem(c.Kind, c.Key, c.Id))],
                i == 0 ? _matched.Count : 0);
            if (i == 0) session.Events.StartStream(importId, recorded);
            else session.Events.Append(importId, recorded);
            // The last page is sent by the caller's commit.
            if (sendPage is not null && i < pages.Count - 1) await sendPage(token);
        }
    }

    /// <summary>
    /// Whether keys of this bundle were created by another import since this one read them: its refusals (a party name
    /// taken, say) may then come from that import, and the bundle is decided again on what is there now.
    /// </summary>
    public async Task<bool> RacedWithAnotherImport(CancellationToken token)
    {
        var ids = _ids.Keys.Where(_new.Contains).ToArray();
        return ids.Length > 0 && (await session.LoadManyAsync<ImportKey>(token, ids)).Count > 0;
    }

    private ImportReport Report() => new(
        _rejected.Count > 0 ? "rejected" : _created.Count > 0 ? "imported" : "nothing-new",
        _rejected.Count > 0 ? [] : _created, _matched, _rejected);

    private bool KeysAreSound(IReadOnlyList<(string Kind, string? Key)> keyed)
    {
        foreach (var (kind, _) in keyed.Where(k => string.IsNullOrWhiteSpace(k.Key)))
            _rejected.Add(new ImportRejection(kind, null, $"Every {kind} needs a key."));
        foreach (var duplicate in keyed.Where(k => !string.IsNullOrWhiteSpace(k.Key)).GroupBy(k => k).Where(g => g.Count() > 1))
            _rejected.Add(new ImportRejection(duplicate.Key.Kind, duplicate.Key.Key,
                $"The key '{duplicate.Key.Key}' is used by {duplicate.Count()} {duplicate.Key.Kind} items."));
        return _rejected.Count == 0;
    }

    private bool IsNew(string kind, string? key) => key is not null && _new.Contains(ImportKey.For(kind, key));

    private Guid IdOf(string kind, string key) => _ids[ImportKey.For(kind, key)];

    /// <summary>
    /// Runs one item: its references resolved and its requests validated (each problem named), then its use cases.
    /// A refusal rejects this item only, with the reason, and takes back what it staged.
    /// </summary>
    private async Task Item(string kind, string key, Func<List<string>, Task> decide)
    {
        var problems = new List<string>();
        var done = await _context.Item(async () =>
        {
            await decide(problems);
            if (problems.Count > 0) throw new RuleViolation("bundle-item", string.Join(" ", problems.Distinct()));
        }, refused =>
        {
            if (problems.Count == 0) problems.Add(refused is Infrastructure.InvalidRequest invalid
                ? string.Join(" ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))
                : refused.Message);
        });
        if (done) _created.Add(new ImportItemRef(kind, key, IdOf(kind, key)));
        else _rejected.Add(new ImportRejection(kind, key, string.Join(" ", problems.Distinct())));
    }

    private Guid Reference(string kind, string? key, string field, List<string> problems)
    {
        if (key is not null && _ids.TryGetValue(ImportKey.For(kind, key), out var id)) return id;
        problems.Add($"{field}: no {kind} has the key '{key}' in this bundle or an earlier one.");
        return Guid.Empty;
    }

    /// <summary>Validates a request as the endpoint would; true when it passed.</summary>
    private static bool Valid<T>(IValidator<T> validator, T command, List<string> problems)
    {
        foreach (var (field, messages) in RequestValidation.ToErrors(validator.Validate(command).Errors))
            problems.Add($"{field}: {string.Join(" ", messages)}");
        return problems.Count == 0;
    }

    // ---- the kinds, in the order references need them ---------------------------------------------------------

    private Task ImportParty(BundleParty party) => Item(PartyKind, party.Key!, async problems =>
    {
        var register = new RegisterParty(party.Name, party.Group, party.Country);
        if (!Valid(PartyRules, register, problems)) return;
        var id = IdOf(PartyKind, party.Key!);
        _context.StartStream<Party>(id, await register.Decide(id, _context));
    });

    private Task ImportAgreement(BundleAgreement a) => Item(AgreementItem, a.Key!, async problems =>
    {
        var parties = (a.Parties ?? []).Select(p => new AgreementPartyInput(Reference(PartyKind, p.PartyKey, "parties", problems), p.Role)).ToList();
        var parentId = a.ParentKey is null ? (Guid?)null : Reference(AgreementItem, a.ParentKey, "parentKey", problems);
        var draft = new DraftAgreement(a.Title, a.Kind, a.Summary, a.Place, a.TimeZone, a.GoverningLaw, parentId, parties, a.Source);
        if (!Valid(DraftRules, draft, problems)) return;
        var id = IdOf(AgreementItem, a.Key!);
        _context.StartStream<Agreement>(id, await draft.Decide(id, _context));

        foreach (var provision in a.Provisions ?? [])
        {
            var record = new RecordProvision(provision.Ref, provision.Heading, provision.Text, provision.Binding, provision.Survives,
                provision.Amends, null, null);
            if (!Valid(ProvisionRules, record, problems)) return;
            _context.Append(id, await record.Decide(await State<Agreement>(id), _context));
        }
        foreach (var keyDate in a.KeyDates ?? [])
        {
            var set = new SetKeyDate(keyDate.Kind, keyDate.Date, keyDate.Note, null, null);
            if (!Valid(KeyDateRules, set, problems)) return;
            _context.Append(id, set.Decide(await State<Agreement>(id)));
        }
        if (a.Signatures is { Count: > 0 } signatures)
        {
            var sign = new SignAgreement([.. signatures.Select(s => new SignatureInput(Reference(PartyKind, s.PartyKey, "signatures", problems),
                s.SignedOn, s.SignatoryName))], a.EffectiveOn, null, null);
            if (!Valid(SignRules, sign, problems)) return;
            _context.Append(id, await sign.Decide(await State<Agreement>(id), _context));
        }
        foreach (var note in a.Notes ?? [])
        {
            var add = new AddAgreementNote(note.Text, note.Privileged, null);
            if (!Valid(AgreementNoteRules, add, problems)) return;
            _context.Append(id, await add.Decide(await State<Agreement>(id), _context));
        }
    });

    private Task ImportCondition(BundleCondition c) => Item(ConditionItem, c.Key!, async problems =>
    {
        var agreementId = c.SatisfiedWhenAgreementKey is null
            ? (Guid?)null
            : Reference(AgreementItem, c.SatisfiedWhenAgreementKey, "satisfiedWhenAgreementKey", problems);
        var record = new RecordCondition(c.Title, c.Kind, c.ExpectedBy, agreementId, c.TimeZone, null);
        if (!Valid(ConditionRules, record, problems)) return;
        var id = IdOf(ConditionItem, c.Key!);
        _context.StartStream<Condition>(id, await record.Decide(id, _context));
    });

    private Task ImportCommitment(BundleCommitment c) => Item(CommitmentKind, c.Key!, async problems =>
    {
        var agreementId = Reference(AgreementItem, c.AgreementKey, "agreementKey", problems);
        var make = new MakeCommitment(
            [.. (c.ObligorKeys ?? []).Select(k => Reference(PartyKind, k, "obligorKeys", problems))],
            [.. (c.BeneficiaryKeys ?? []).Select(k => Reference(PartyKind, k, "beneficiaryKeys", problems))],
            c.Workstream, c.Title, c.Terms, c.ProvisionRef, c.Binding, c.Quantity, c.Value, c.Owner,
            [.. (c.ConditionKeys ?? []).Select(k => Reference(ConditionItem, k, "conditionKeys", problems))], null, c.BeneficiariesIllustrative);
        if (problems.Count > 0 || !Valid(_commitmentRules, make, problems)) return;
        var id = IdOf(CommitmentKind, c.Key!);
        _context.StartStream<Commitment>(id, await make.Decide(id, agreementId, _context));
        foreach (var note in c.Notes ?? [])
        {
            var add = new AddCommitmentNote(note.Text, note.Privileged, null);
            if (!Valid(CommitmentNoteRules, add, problems)) return;
            _context.Append(id, await add.Decide(await State<Commitment>(id), _context));
        }
    });

    private Task ImportMilestone(BundleMilestone m) => Item(MilestoneKind, m.Key!, async problems =>
    {
        var commitmentId = Reference(CommitmentKind, m.CommitmentKey, "commitmentKey", problems);
        var owner = Reference(PartyKind, m.OwnerPartyKey, "ownerPartyKey", problems);
        var conditionIds = (m.ConditionKeys ?? []).Select(k => Reference(ConditionItem, k, "conditionKeys", problems)).ToList();
        var after = m.Due?.After;
        var anchor = after is null ? null : new DueAnchorInput(
            after.MilestoneKey is null ? null : Reference(MilestoneKind, after.MilestoneKey, "due.after.milestoneKey", problems),
            after.ConditionKey is null ? null : Reference(ConditionItem, after.ConditionKey, "due.after.conditionKey", problems),
            after.AgreementSigned);
        if (problems.Count > 0) return;
        var plan = new PlanMilestone(m.Title, m.DueOn, m.Due is null ? null : new RelativeDueInput(m.Due.Days, anchor), owner, m.Assignee,
            conditionIds, m.Illustrative, null);
        if (!Valid(MilestoneRules, plan, problems)) return;
        var commitment = await _context.ForWriting<Commitment>(commitmentId) ?? throw new NotFound("Commitment", commitmentId);
        _context.Append(commitmentId, await plan.Decide(commitment, IdOf(MilestoneKind, m.Key!), _context));
    });

    private Task ImportDependencies(BundleCommitment c)
    {
        if (c.DependsOn is not { Count: > 0 } dependencies) return Task.CompletedTask;
        var key = c.Key!;
        return Dependencies(key, async problems =>
        {
            var id = IdOf(CommitmentKind, key);
            foreach (var dependency in dependencies)
            {
                var onCommitment = dependency.CommitmentKey is null ? (Guid?)null : Reference(CommitmentKind, dependency.CommitmentKey, "dependsOn.commitmentKey", problems);
                var onMilestone = dependency.MilestoneKey is null ? (Guid?)null : Reference(MilestoneKind, dependency.MilestoneKey, "dependsOn.milestoneKey", problems);
                var declare = new DeclareDependency(onCommitment, onMilestone, dependency.Note, dependency.Illustrative, null);
                if (problems.Count > 0 || !Valid(DependencyRules, declare, problems)) return;
                _context.Append(id, await declare.Decide(await State<Commitment>(id), Ids.New(), _context));
            }
        });
    }

    /// <summary>A commitment's dependencies are part of the commitment item: if one is refused, the commitment is rejected.</summary>
    private async Task Dependencies(string key, Func<List<string>, Task> declare)
    {
        var problems = new List<string>();
        var done = await _context.Item(async () =>
        {
            await declare(problems);
            if (problems.Count > 0) throw new RuleViolation("bundle-item", string.Join(" ", problems.Distinct()));
        }, refused => { if (problems.Count == 0) problems.Add(refused.Message); });
        if (done) return;
        _created.RemoveAll(x => x.Kind == CommitmentKind && x.Key == key);
        _rejected.Add(new ImportRejection(CommitmentKind, key, string.Join(" ", problems.Distinct())));
    }

    private async Task<T> State<T>(Guid id) where T : class => await _context.ForWriting<T>(id) ?? throw new NotFound(typeof(T).Name, id);

    private static IEnumerable<BundleAgreement> InParentOrder(IReadOnlyList<BundleAgreement> agreements) =>
        Ordered(agreements, a => a.Key, a => a.ParentKey);

    /// <summary>Milestones after the milestones they count from, whatever order the bundle lists them in.</summary>
    private static IEnumerable<BundleMilestone> AnchorsFirst(IReadOnlyList<BundleMilestone> milestones) =>
        Ordered(milestones, m => m.Key, m => m.Due?.After?.MilestoneKey);

    private static List<T> Ordered<T>(IReadOnlyList<T> items, Func<T, string?> keyOf, Func<T, string?> before)
    {
        var byKey = items.Where(i => keyOf(i) is not null).GroupBy(i => keyOf(i)!).ToDictionary(g => g.Key, g => g.First());
        var done = new HashSet<string>();
        var ordered = new List<T>();
        var chain = new Stack<T>();
        var inChain = new HashSet<string>();
        foreach (var item in items)
        {
            // Walk up to the first item not yet placed (iteratively: a long chain must not exhaust the stack), then place the chain.
            inChain.Clear();
            for (var at = item; keyOf(at) is { } key && !done.Contains(key) && inChain.Add(key);)
            {
                chain.Push(at);
                if (before(at) is { } previous && byKey.TryGetValue(previous, out var earlier) && !inChain.Contains(previous)) at = earlier;
                else break;
            }
            while (chain.Count > 0)
            {
                var next = chain.Pop();
                if (done.Add(keyOf(next)!)) ordered.Add(next);
            }
        }
        return ordered;
    }
}
