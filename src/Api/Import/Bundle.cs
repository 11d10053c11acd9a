using LoiTracker.Api.Agreements;
using LoiTracker.Api.Commitments;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Conditions;

namespace LoiTracker.Api.Import;

/// <summary>
/// A JSON bundle of parties, agreements (with provisions, key dates, signatures), conditions, commitments and
/// milestones (api.md, Import). Every item has a <c>key</c> chosen by the bundle's author, unique per kind;
/// references inside the bundle use keys. <c>source</c> is recorded on every event the import writes.
/// </summary>
public sealed record Bundle(
    string? Name,
    SourceInput? Source,
    IReadOnlyList<BundleParty>? Parties,
    IReadOnlyList<BundleAgreement>? Agreements,
    IReadOnlyList<BundleCondition>? Conditions,
    IReadOnlyList<BundleCommitment>? Commitments,
    IReadOnlyList<BundleMilestone>? Milestones) : IHaveSource;

public sealed record BundleParty(string? Key, string? Name, string? Group, string? Country);

public sealed record BundleAgreementParty(string? PartyKey, PartyRole? Role);

public sealed record BundleSignature(string? PartyKey, DateOnly? SignedOn, string? SignatoryName);

public sealed record BundleNote(string? Text, bool? Privileged);

public sealed record BundleProvision(string? Ref, string? Heading, string? Text, bool? Binding, bool? Survives, ProvisionAmendsInput? Amends);

public sealed record BundleKeyDate(KeyDateKind? Kind, DateOnly? Date, string? Note);

public sealed record BundleAgreement(
    string? Key,
    string? Title,
    AgreementKind? Kind,
    string? Summary,
    string? Place,
    string? TimeZone,
    string? GoverningLaw,
    string? ParentKey,
    IReadOnlyList<BundleAgreementParty>? Parties,
    SourceInput? Source,
    IReadOnlyList<BundleProvision>? Provisions,
    IReadOnlyList<BundleKeyDate>? KeyDates,
    IReadOnlyList<BundleSignature>? Signatures,
    DateOnly? EffectiveOn,
    IReadOnlyList<BundleNote>? Notes);

public sealed record BundleCondition(string? Key, string? Title, ConditionKind? Kind, DateOnly? ExpectedBy, string? SatisfiedWhenAgreementKey,
    string? TimeZone = null);

public sealed record BundleDependency(string? CommitmentKey, string? MilestoneKey, string? Note, bool? Illustrative);

public sealed record BundleCommitment(
    string? Key,
    string? AgreementKey,
    IReadOnlyList<string>? ObligorKeys,
    IReadOnlyList<string>? BeneficiaryKeys,
    string? Workstream,
    string? Title,
    string? Terms,
    string? ProvisionRef,
    bool? Binding,
    QuantityInput? Quantity,
    ValueInput? Value,
    string? Owner,
    IReadOnlyList<string>? ConditionKeys,
    IReadOnlyList<BundleDependency>? DependsOn,
    IReadOnlyList<BundleNote>? Notes,
    bool? BeneficiariesIllustrative = null);

public sealed record BundleAnchor(string? MilestoneKey, string? ConditionKey, bool? AgreementSigned);

public sealed record BundleRelativeDue(int? Days, BundleAnchor? After);

public sealed record BundleMilestone(
    string? Key,
    string? CommitmentKey,
    string? Title,
    DateOnly? DueOn,
    BundleRelativeDue? Due,
    string? OwnerPartyKey,
    string? Assignee,
    IReadOnlyList<string>? ConditionKeys,
    bool? Illustrative);

public sealed record ImportItemRef(string Kind, string Key, Guid Id);

public sealed record ImportRejection(string Kind, string? Key, string Reason);

/// <summary>What an import did: what it created, what it matched by key (and left alone), and each item it rejected, with why.</summary>
public sealed record ImportReport(string Outcome, IReadOnlyList<ImportItemRef> Created, IReadOnlyList<ImportItemRef> Matched,
    IReadOnlyList<ImportRejection> Rejected);
