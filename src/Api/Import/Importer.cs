using FluentValidation;
using LoiTracker.Api.Agreements;
using LoiTracker.Api.Commitments;
using LoiTracker.Api.Conditions;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Api.Parties;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Imports;
using LoiTracker.Domain.Parties;
using LoiTracker.Projections.Imports;
using LoiTracker.Projections.Milestones;
using LoiTracker.Projections.Parties;
using Marten;

namespace LoiTracker.Api.Import;

/// <summary>
/// Imports a bundle all or nothing. Every item goes through the same validators and domain decisions as the
/// commands a person would send, in memory; only when nothing was rejected are the streams written, in one
/// transaction. Items whose key an earlier import created are matched and left alone, so a second import of the
/// same bundle creates nothing (docs/adr/0009-import-bundles.md).
/// </summary>
public sealed class Importer(IDocumentSession session, TimeProvider clock, Workstreams workstreams)
{
    private const string PartyKind = "party", AgreementKind_ = "agreement", ConditionKind_ = "condition",
        CommitmentKind = "commitment", MilestoneKind = "milestone";

    private readonly List<ImportRejection> _rejected = [];
    private readonly List<ImportItemRef> _created = [];
    private readonly List<ImportItemRef> _matched = [];
    private readonly Dictionary<string, Guid> _ids = [];
    private readonly HashSet<string> _new = [];
    private readonly Dictionary<Guid, List<object>> _streams = [];
    private readonly Dictionary<Guid, Type> _streamTypes = [];
    private readonly Dictionary<Guid, List<object>> _appends = [];
    private readonly Dictionary<Guid, Agreement> _agreements = [];
    private readonly Dictionary<Guid, Condition> _conditions = [];
    private readonly Dictionary<Guid, Commitment> _commitments = [];
    private readonly Dictionary<Guid, string> _partyNames = [];
    private readonly Dictionary<Guid, Guid> _milestoneCommitment = [];
    private DependencyGraph? _graph;

    public async Task<ImportReport> Import(Bundle bundle, CancellationToken token)
    {
        var parties = bundle.Parties ?? [];
        var agreements = bundle.Agreements ?? [];
        var conditions = bundle.Conditions ?? [];
        var commitments = bundle.Commitments ?? [];
        var milestones = bundle.Milestones ?? [];

        var keyed = parties.Select(p => (PartyKind, p.Key)).Concat(agreements.Select(a => (AgreementKind_, a.Key)))
            .Concat(conditions.Select(c => (ConditionKind_, c.Key))).Concat(commitments.Select(c => (CommitmentKind, c.Key)))
            .Concat(milestones.Select(m => (MilestoneKind, m.Key))).ToList();
        if (!KeysAreSound(keyed)) return Report();

        // What earlier imports created is matched by key; every new item gets its id now, so references resolve in any order.
        var existing = await session.LoadManyAsync<ImportKey>(token, keyed.Select(k => ImportKey.For(k.Item1, k.Key!)).ToArray());
        foreach (var (kind, key) in keyed)
        {
            var id = ImportKey.For(kind, key!);
            if (existing.FirstOrDefault(e => e.Id == id) is { } found)
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

        await ImportParties(parties, token);
        foreach (var agreement in InParentOrder(agreements)) await ImportAgreement(agreement, token);
        foreach (var condition in conditions) await ImportCondition(condition, token);
        foreach (var milestone in milestones.Where(m => IsNew(MilestoneKind, m.Key)))
            if (ResolveOptional(CommitmentKind, milestone.CommitmentKey) is { } owner) _milestoneCommitment[_ids[ImportKey.For(MilestoneKind, milestone.Key!)]] = owner;
        foreach (var commitment in commitments) await ImportCommitment(commitment, token);
        foreach (var milestone in milestones) await ImportMilestone(milestone, token);
        foreach (var commitment in commitments) await ImportDependencies(commitment, token);

        if (_rejected.Count == 0 && _created.Count > 0) await Stage(bundle, token);
        return Report();
    }

    private ImportReport Report() => new(
        _rejected.Count > 0 ? "rejected" : _created.Count > 0 ? "imported" : "nothing-new",
        _rejected.Count > 0 ? [] : _created, _matched, _rejected);

    private bool KeysAreSound(IReadOnlyList<(string Kind, string? Key)> keyed)
    {
        foreach (var (kind, _) in keyed.Where(k => string.IsNullOrWhiteSpace(k.Key)))
            _rejected.Add(new ImportRejection(kind, null, $"Every {kind} needs a key."));
        foreach (var duplicate in keyed.Where(k => !string.IsNullOrWhiteSpace(k.Key)).GroupBy(k => k).Where(g => g.Count() > 1))
            _rejected.Add(new ImportRejection(duplicate.Key.Kind, duplicate.Key.Key, $"The key '{duplicate.Key.Key}' is used by {duplicate.Count()} {duplicate.Key.Kind} items."));
        return _rejected.Count == 0;
    }

    private bool IsNew(string kind, string? key) => key is not null && _new.Contains(ImportKey.For(kind, key));

    private Guid IdOf(string kind, string key) => _ids[ImportKey.For(kind, key)];

    private Guid? ResolveOptional(string kind, string? key) =>
        key is not null && _ids.TryGetValue(ImportKey.For(kind, key), out var id) ? id : null;

    /// <summary>Runs one item's decisions; a refusal or a missing reference rejects the item, nothing else.</summary>
    private async Task Item(string kind, string key, Func<List<string>, Task> decide)
    {
        var problems = new List<string>();
        try
        {
            await decide(problems);
        }
        catch (RuleViolation violation)
        {
            problems.Add(violation.Title);
        }
        catch (NotFound missing)
        {
            problems.Add(missing.Message);
        }
        if (problems.Count > 0) _rejected.Add(new ImportRejection(kind, key, string.Join(" ", problems.Distinct())));
        else _created.Add(new ImportItemRef(kind, key, IdOf(kind, key)));
    }

    private Guid Reference(string kind, string? key, string field, List<string> problems)
    {
        if (key is not null && _ids.TryGetValue(ImportKey.For(kind, key), out var id)) return id;
        problems.Add($"{field}: no {kind} has the key '{key}' in this bundle or an earlier one.");
        return Guid.Empty;
    }

    private static void Validate<T>(IValidator<T> validator, T command, List<string> problems)
    {
        foreach (var (field, messages) in RequestValidation.ToErrors(validator.Validate(command).Errors))
            problems.Add($"{field}: {string.Join(" ", messages)}");
    }

    // ---- the kinds, in the order references need them ---------------------------------------------------------

    private async Task ImportParties(IReadOnlyList<BundleParty> parties, CancellationToken token)
    {
        var fresh = parties.Where(p => IsNew(PartyKind, p.Key)).ToList();
        var nameKeys = fresh.Where(p => !string.IsNullOrWhiteSpace(p.Name)).Select(p => Party.NameKey(p.Name!)).ToArray();
        var seen = new HashSet<string>();
        if (nameKeys.Length > 0)
            seen.UnionWith(await session.Query<PartyView>().Where(p => p.NameKey.IsOneOf(nameKeys)).Select(p => p.NameKey).ToListAsync(token));

        foreach (var party in fresh)
        {
            await Item(PartyKind, party.Key!, problems =>
            {
                Validate(new RegisterParty.Validator(), new RegisterParty(party.Name, party.Group, party.Country), problems);
                if (problems.Count > 0) return Task.CompletedTask;
                if (!seen.Add(Party.NameKey(party.Name!)))
                    throw new RuleViolation("party-name-taken", $"A party named '{party.Name!.Trim()}' is already registered");
                var id = IdOf(PartyKind, party.Key!);
                Start<Party>(id, Party.Register(id, party.Name!, party.Group, party.Country?.ToUpperInvariant()));
                _partyNames[id] = party.Name!.Trim();
                return Task.CompletedTask;
            });
        }
    }

    private async Task ImportAgreement(BundleAgreement a, CancellationToken token)
    {
        if (!IsNew(AgreementKind_, a.Key)) return;
        await Item(AgreementKind_, a.Key!, async problems =>
        {
            var parties = (a.Parties ?? []).Select(p => new AgreementPartyInput(Reference(PartyKind, p.PartyKey, "parties", problems), p.Role)).ToList();
            var parentId = a.ParentKey is null ? (Guid?)null : Reference(AgreementKind_, a.ParentKey, "parentKey", problems);
            var draft = new DraftAgreement(a.Title, a.Kind, a.Summary, a.Place, a.TimeZone, a.GoverningLaw, parentId, parties, a.Source);
            Validate(new DraftAgreement.Validator(), draft, problems);
            if (problems.Count > 0) return;

            var id = IdOf(AgreementKind_, a.Key!);
            var parent = parentId is { } p ? await AgreementState(p, token) : null;
            var names = await PartyNames(parties.Select(x => x.PartyId!.Value), token);
            var events = new List<object>();
            var state = Fold(Agreement.Draft(id, new DraftTerms(a.Title!, a.Kind!.Value, a.Summary, a.Place, a.TimeZone ?? "UTC", a.GoverningLaw,
                parentId, [.. parties.Select(x => new AgreementParty(x.PartyId!.Value, x.Role!.Value))], a.Source!.ToSource()),
                names.Keys.ToHashSet(), parent), null, events);

            foreach (var provision in a.Provisions ?? [])
            {
                var record = new RecordProvision(provision.Ref, provision.Heading, provision.Text, provision.Binding, provision.Survives,
                    provision.Amends, null, null);
                Validate(new RecordProvision.Validator(), record, problems);
                if (problems.Count > 0) return;
                state = Fold([state.RecordProvision(record.ToProvision(), parent)], state, events);
            }
            foreach (var keyDate in a.KeyDates ?? [])
            {
                Validate(new SetKeyDate.Validator(), new SetKeyDate(keyDate.Kind, keyDate.Date, keyDate.Note, null, null), problems);
                if (problems.Count > 0) return;
                state = Fold([state.SetKeyDate(new KeyDate(keyDate.Kind!.Value, keyDate.Date!.Value, keyDate.Note))], state, events);
            }
            if (a.Signatures is { Count: > 0 } signatures)
            {
                var sign = new SignAgreement([.. signatures.Select(s => new SignatureInput(Reference(PartyKind, s.PartyKey, "signatures", problems),
                    s.SignedOn, s.SignatoryName))], a.EffectiveOn, null, null);
                Validate(new SignAgreement.Validator(), sign, problems);
                if (problems.Count > 0) return;
                state = Fold(state.Sign([.. sign.Signatures!.Select(s => new Signature(s.PartyId!.Value, s.SignedOn!.Value, s.SignatoryName!))],
                    a.EffectiveOn, clock.GetUtcNow(), names), state, events);
                if (state is { Kind: AgreementKind.Amendment, IsInForce: true } && parent is not null)
                    Amend(parent, state);
            }
            foreach (var note in a.Notes ?? [])
                state = Fold([state.AddNote(Ids.New(), note.Text ?? "", note.Privileged ?? false)], state, events);

            _streams[id] = events;
            _streamTypes[id] = typeof(Agreement);
            _agreements[id] = state;
        });
    }

    private void Amend(Agreement parent, Agreement amendment)
    {
        var amended = parent.Amend(amendment);
        Append(parent.Id, amended);
        _agreements[parent.Id] = parent.When(amended);
    }

    private async Task ImportCondition(BundleCondition c, CancellationToken token)
    {
        if (!IsNew(ConditionKind_, c.Key)) return;
        await Item(ConditionKind_, c.Key!, async problems =>
        {
            var agreementId = c.SatisfiedWhenAgreementKey is null ? (Guid?)null : Reference(AgreementKind_, c.SatisfiedWhenAgreementKey, "satisfiedWhenAgreementKey", problems);
            Validate(new RecordCondition.Validator(), new RecordCondition(c.Title, c.Kind, c.ExpectedBy, agreementId, null), problems);
            if (problems.Count > 0) return;
            var agreement = agreementId is { } aid ? await AgreementState(aid, token) : null;
            var id = IdOf(ConditionKind_, c.Key!);
            var events = Condition.Record(id, c.Title!, c.Kind!.Value, c.ExpectedBy, agreementId,
                agreement is { IsInForce: true } ? agreement.SignedOn : null).ToList();
            Start<Condition>(id, events);
            _conditions[id] = events.Skip(1).Aggregate(Condition.From((ConditionRecorded)events[0]), (s, e) => s.When(e));
        });
    }

    private async Task ImportCommitment(BundleCommitment c, CancellationToken token)
    {
        if (!IsNew(CommitmentKind, c.Key)) return;
        await Item(CommitmentKind, c.Key!, async problems =>
        {
            var agreementId = Reference(AgreementKind_, c.AgreementKey, "agreementKey", problems);
            var make = new MakeCommitment(
                [.. (c.ObligorKeys ?? []).Select(k => Reference(PartyKind, k, "obligorKeys", problems))],
                [.. (c.BeneficiaryKeys ?? []).Select(k => Reference(PartyKind, k, "beneficiaryKeys", problems))],
                c.Workstream, c.Title, c.Terms, c.ProvisionRef, c.Binding, c.Quantity, c.Value, c.Owner,
                [.. (c.ConditionKeys ?? []).Select(k => Reference(ConditionKind_, k, "conditionKeys", problems))], null);
            if (problems.Count > 0) return;
            Validate(new MakeCommitment.Validator(workstreams), make, problems);
            if (problems.Count > 0) return;

            var agreement = await AgreementState(agreementId, token) ?? throw new NotFound("Agreement", agreementId);
            var conditions = new List<Condition>();
            foreach (var conditionId in make.ConditionIds!)
                conditions.Add(await ConditionState(conditionId, token) ?? throw new NotFound("Condition", conditionId));
            var names = await PartyNames(agreement.Parties.Select(p => p.PartyId), token);

            var id = IdOf(CommitmentKind, c.Key!);
            var events = Commitment.Make(id, agreement, make.ToTerms(), conditions, names).ToList();
            var state = events.Skip(1).Aggregate(Commitment.From((CommitmentMade)events[0]), (s, e) => s.When(e));
            foreach (var note in c.Notes ?? [])
            {
                var added = state.AddNote(Ids.New(), note.Text ?? "", note.Privileged ?? false);
                events.Add(added);
            }
            Start<Commitment>(id, events);
            _commitments[id] = state;
        });
    }

    private async Task ImportMilestone(BundleMilestone m, CancellationToken token)
    {
        if (!IsNew(MilestoneKind, m.Key)) return;
        await Item(MilestoneKind, m.Key!, async problems =>
        {
            var commitmentId = Reference(CommitmentKind, m.CommitmentKey, "commitmentKey", problems);
            var owner = Reference(PartyKind, m.OwnerPartyKey, "ownerPartyKey", problems);
            var conditionIds = (m.ConditionKeys ?? []).Select(k => Reference(ConditionKind_, k, "conditionKeys", problems)).ToList();
            var after = m.Due?.After;
            var anchor = after is null ? null : new DueAnchorInput(
                after.MilestoneKey is null ? null : Reference(MilestoneKind, after.MilestoneKey, "due.after.milestoneKey", problems),
                after.ConditionKey is null ? null : Reference(ConditionKind_, after.ConditionKey, "due.after.conditionKey", problems),
                after.AgreementSigned);
            if (problems.Count > 0) return;
            var plan = new PlanMilestone(m.Title, m.DueOn, m.Due is null ? null : new RelativeDueInput(m.Due.Days, anchor), owner, m.Assignee,
                conditionIds, m.Illustrative, null);
            Validate(new PlanMilestone.Validator(), plan, problems);
            if (problems.Count > 0) return;

            var commitment = await CommitmentState(commitmentId, token) ?? throw new NotFound("Commitment", commitmentId);
            var names = await PartyNames([owner], token);
            var id = IdOf(MilestoneKind, m.Key!);
            var planned = commitment.PlanMilestone(id, m.Title!, m.DueOn, plan.ToRelativeDue(), owner, m.Assignee, conditionIds,
                m.Illustrative ?? false, names.GetValueOrDefault(owner) ?? $"Party {owner}");
            Append(commitmentId, planned);
            _commitments[commitmentId] = commitment.When(planned);
            _milestoneCommitment[id] = commitmentId;
        });
    }

    private async Task ImportDependencies(BundleCommitment c, CancellationToken token)
    {
        if (!IsNew(CommitmentKind, c.Key) || c.DependsOn is not { Count: > 0 } dependencies) return;
        if (_rejected.Any(r => r.Kind == CommitmentKind && r.Key == c.Key)) return;
        _graph ??= await DependencyGraph.Load(session, token);
        var id = IdOf(CommitmentKind, c.Key!);
        var problems = new List<string>();
        foreach (var dependency in dependencies)
        {
            try
            {
                var onCommitment = dependency.CommitmentKey is null ? (Guid?)null : Reference(CommitmentKind, dependency.CommitmentKey, "dependsOn.commitmentKey", problems);
                var onMilestone = dependency.MilestoneKey is null ? (Guid?)null : Reference(MilestoneKind, dependency.MilestoneKey, "dependsOn.milestoneKey", problems);
                Validate(new DeclareDependency.Validator(), new DeclareDependency(onCommitment, onMilestone, dependency.Note, dependency.Illustrative, null), problems);
                if (problems.Count > 0) continue;
                var target = onCommitment ?? await MilestoneOwner(onMilestone!.Value, token);
                var targetState = await CommitmentState(target, token) ?? throw new NotFound("Commitment", target);
                var state = _commitments[id];
                var declared = state.DeclareDependency(Ids.New(), onCommitment, onMilestone, target, targetState.Title,
                    _graph.PathBetween(target, id, state.Title), dependency.Note, dependency.Illustrative ?? false);
                Append(id, declared);
                _commitments[id] = state.When(declared);
                _graph.Add(id, state.Title, target);
            }
            catch (RuleViolation violation)
            {
                problems.Add(violation.Title);
            }
        }
        if (problems.Count > 0)
        {
            _created.RemoveAll(x => x.Kind == CommitmentKind && x.Key == c.Key);
            _rejected.Add(new ImportRejection(CommitmentKind, c.Key, string.Join(" ", problems.Distinct())));
        }
    }

    // ---- state of what the bundle refers to: created in this import, or already in the store --------------------

    private async Task<Agreement?> AgreementState(Guid id, CancellationToken token) =>
        _agreements.TryGetValue(id, out var state) ? state : _agreements[id] = (await session.LoadAsync<Agreement>(id, token))!;

    private async Task<Condition?> ConditionState(Guid id, CancellationToken token) =>
        _conditions.TryGetValue(id, out var state) ? state : _conditions[id] = (await session.LoadAsync<Condition>(id, token))!;

    private async Task<Commitment?> CommitmentState(Guid id, CancellationToken token) =>
        _commitments.TryGetValue(id, out var state) ? state : _commitments[id] = (await session.LoadAsync<Commitment>(id, token))!;

    private async Task<Guid> MilestoneOwner(Guid milestoneId, CancellationToken token) =>
        _milestoneCommitment.TryGetValue(milestoneId, out var commitment) ? commitment
            : (await session.LoadAsync<MilestoneView>(milestoneId, token))?.CommitmentId ?? throw new NotFound("Milestone", milestoneId);

    private async Task<IReadOnlyDictionary<Guid, string>> PartyNames(IEnumerable<Guid> ids, CancellationToken token)
    {
        var wanted = ids.Distinct().ToList();
        var missing = wanted.Where(id => !_partyNames.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
            foreach (var party in await session.LoadManyAsync<Party>(token, missing)) _partyNames[party.Id] = party.Name;
        return wanted.Where(_partyNames.ContainsKey).ToDictionary(id => id, id => _partyNames[id]);
    }

    private static Agreement Fold(IEnumerable<object> decided, Agreement? state, List<object> events)
    {
        foreach (var e in decided)
        {
            events.Add(e);
            state = state is null ? Agreement.From((AgreementDrafted)e) : state.When(e);
        }
        return state!;
    }

    private void Start<T>(Guid id, IEnumerable<object> events)
    {
        _streams[id] = [.. events];
        _streamTypes[id] = typeof(T);
    }

    private void Append(Guid streamId, object e)
    {
        if (_streams.TryGetValue(streamId, out var events)) events.Add(e);
        else (_appends.TryGetValue(streamId, out var appends) ? appends : _appends[streamId] = []).Add(e);
    }

    private static IEnumerable<BundleAgreement> InParentOrder(IReadOnlyList<BundleAgreement> agreements)
    {
        var byKey = agreements.Where(a => a.Key is not null).GroupBy(a => a.Key!).ToDictionary(g => g.Key, g => g.First());
        var done = new HashSet<string>();
        IEnumerable<BundleAgreement> Visit(BundleAgreement a, int depth)
        {
            if (a.Key is null || !done.Add(a.Key)) yield break;
            if (depth < 50 && a.ParentKey is { } parent && byKey.TryGetValue(parent, out var p))
                foreach (var ancestor in Visit(p, depth + 1)) yield return ancestor;
            yield return a;
        }
        return agreements.SelectMany(a => Visit(a, 0)).ToList();
    }

    private async Task Stage(Bundle bundle, CancellationToken token)
    {
        foreach (var (id, events) in _streams)
        {
            if (_streamTypes[id] == typeof(Party)) session.Events.StartStream<Party>(id, [.. events]);
            else if (_streamTypes[id] == typeof(Agreement)) session.Events.StartStream<Agreement>(id, [.. events]);
            else if (_streamTypes[id] == typeof(Condition)) session.Events.StartStream<Condition>(id, [.. events]);
            else session.Events.StartStream<Commitment>(id, [.. events]);
        }
        foreach (var (id, events) in _appends)
        {
            // Optimistic like every other write: fetched for writing, checked at commit.
            if (_agreements.ContainsKey(id) && events.All(e => e is AgreementAmended))
                (await session.Events.FetchForWriting<Agreement>(id, token)).AppendMany(events);
            else
                (await session.Events.FetchForWriting<Commitment>(id, token)).AppendMany(events);
        }
        var importId = Ids.New();
        session.Events.StartStream(importId, new BundleImported(importId, bundle.Name,
            [.. _created.Select(c => new ImportedItem(c.Kind, c.Key, c.Id))], _matched.Count));
    }
}
