using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using LoiTracker.Domain.Parties;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Commitments;

/// <summary>
/// A promise by one or more obligors (jointly) to one or more beneficiaries, all parties to the agreement, in one
/// workstream. It is <c>Proposed</c> until its agreement is signed and every condition in <c>conditionIds</c> is satisfied.
/// </summary>
public sealed record MakeCommitment(
    IReadOnlyList<Guid>? ObligorPartyIds,
    IReadOnlyList<Guid>? BeneficiaryPartyIds,
    string? Workstream,
    string? Title,
    string? Terms,
    string? ProvisionRef,
    bool? Binding,
    QuantityInput? Quantity,
    ValueInput? Value,
    string? Owner,
    IReadOnlyList<Guid>? ConditionIds,
    SourceInput? Source) : IHaveSource
{
    public sealed class Validator : AbstractValidator<MakeCommitment>
    {
        public Validator(Workstreams workstreams)
        {
            RuleFor(x => x.ObligorPartyIds).NotEmpty().WithMessage("Name who promises.")
                .Must(ids => ids!.Distinct().Count() == ids!.Count).When(x => x.ObligorPartyIds is not null).WithMessage("A party is listed twice.");
            RuleFor(x => x.BeneficiaryPartyIds).NotEmpty().WithMessage("Name to whom it is promised.")
                .Must(ids => ids!.Distinct().Count() == ids!.Count).When(x => x.BeneficiaryPartyIds is not null).WithMessage("A party is listed twice.");
            RuleFor(x => x.BeneficiaryPartyIds)
                .Must((command, beneficiaries) => !beneficiaries!.Intersect(command.ObligorPartyIds!).Any())
                .When(x => x.BeneficiaryPartyIds is not null && x.ObligorPartyIds is not null)
                .WithMessage("A party does not promise something to itself: it is both obligor and beneficiary.");
            RuleFor(x => x.Workstream).NotEmpty().Must(workstreams.Knows)
                .WithMessage($"Use a workstream of the catalogue: {string.Join(", ", workstreams.Codes)}.");
            RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
            RuleFor(x => x.Terms).NotEmpty().MaximumLength(20_000);
            RuleFor(x => x.ProvisionRef).MaximumLength(50);
            RuleFor(x => x.Binding).NotNull().WithMessage("Say whether the commitment is binding.");
            RuleFor(x => x.Quantity).SetValidator(new QuantityInput.Validator()!).When(x => x.Quantity is not null);
            RuleFor(x => x.Value).SetValidator(new ValueInput.Validator()!).When(x => x.Value is not null);
            RuleFor(x => x.Owner).MaximumLength(200);
            RuleFor(x => x.ConditionIds).Must(ids => ids!.Distinct().Count() == ids!.Count).When(x => x.ConditionIds is not null)
                .WithMessage("A condition is listed twice.");
            RuleFor(x => x.Source).SetValidator(new SourceInputValidator()!).When(x => x.Source is not null);
        }
    }

    public CommitmentTerms ToTerms() => new(ObligorPartyIds!, BeneficiaryPartyIds!, Workstream!, Title!, Terms!,
        string.IsNullOrWhiteSpace(ProvisionRef) ? null : ProvisionRef.Trim(), Binding!.Value, Quantity?.ToQuantity(), Value?.ToMoney(),
        string.IsNullOrWhiteSpace(Owner) ? null : Owner.Trim());
}

public static class MakeCommitmentEndpoint
{
    [WolverinePost("/api/agreements/{id}/commitments"), Authorize(Policy = Can.MakeCommitments)]
    public static async Task<(Created, IStartStream)> Post(MakeCommitment command, Guid id, IQuerySession session, CancellationToken token)
    {
        var agreement = await session.LoadAsync<Agreement>(id, token) ?? throw new NotFound("Agreement", id);
        var conditions = await Lookups.Conditions(session, command.ConditionIds ?? [], token);
        var names = await Lookups.PartyNames(session, agreement.Parties.Select(p => p.PartyId), token);

        var commitmentId = Ids.New();
        var events = Commitment.Make(commitmentId, agreement, command.ToTerms(), conditions, names).ToArray();
        return (new Created(commitmentId, events.Length, $"/api/commitments/{commitmentId}"),
            MartenOps.StartStream<Commitment>(commitmentId, events));
    }
}

/// <summary>Loading what a command refers to by id in its body: an unknown id there is a rule (422), not a missing resource.</summary>
public static class Lookups
{
    public static async Task<IReadOnlyList<Condition>> Conditions(IQuerySession session, IReadOnlyCollection<Guid> ids, CancellationToken token)
    {
        if (ids.Count == 0) return [];
        var found = await session.LoadManyAsync<Condition>(token, ids);
        foreach (var id in ids.Where(id => found.All(c => c.Id != id)))
            throw new RuleViolation("unknown-condition", $"Condition {id} does not exist");
        return [.. ids.Select(id => found.First(c => c.Id == id))];
    }

    public static async Task<IReadOnlyDictionary<Guid, string>> PartyNames(IQuerySession session, IEnumerable<Guid> ids, CancellationToken token) =>
        (await session.LoadManyAsync<Party>(token, ids.Distinct())).ToDictionary(p => p.Id, p => p.Name);

    public static async Task<Agreement> Agreement(IQuerySession session, Guid id, CancellationToken token) =>
        await session.LoadAsync<Agreement>(id, token) ?? throw new RuleViolation("unknown-agreement", $"Agreement {id} does not exist");
}
