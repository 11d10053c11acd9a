using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

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
    SourceInput? Source,
    bool? BeneficiariesIllustrative = null) : IHaveSource
{
    public sealed class Validator : AbstractValidator<MakeCommitment>
    {
        public Validator(Workstreams workstreams)
        {
            // Each condition guards only the rule it follows: a When at the end of a chain would switch off NotEmpty too.
            RuleFor(x => x.ObligorPartyIds).NotEmpty().WithMessage("Name who promises.");
            RuleFor(x => x.ObligorPartyIds).Must(ids => ids!.Distinct().Count() == ids!.Count).When(x => x.ObligorPartyIds is not null)
                .WithMessage("A party is listed twice.");
            RuleFor(x => x.BeneficiaryPartyIds).NotEmpty().WithMessage("Name to whom it is promised.");
            RuleFor(x => x.BeneficiaryPartyIds).Must(ids => ids!.Distinct().Count() == ids!.Count).When(x => x.BeneficiaryPartyIds is not null)
                .WithMessage("A party is listed twice.");
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
        string.IsNullOrWhiteSpace(Owner) ? null : Owner.Trim(), BeneficiariesIllustrative ?? false);

    public async Task<IReadOnlyList<object>> Decide(Guid id, Guid agreementId, ICommandContext context)
    {
        var agreement = await context.Agreement(agreementId) ?? throw new NotFound("Agreement", agreementId);
        var conditions = await context.KnownConditions(ConditionIds ?? []);
        var names = await context.PartyNames(agreement.Parties.Select(p => p.PartyId));
        return [.. Commitment.Make(id, agreement, ToTerms(), conditions, names)];
    }
}

public static class MakeCommitmentEndpoint
{
    [WolverinePost("/api/agreements/{id}/commitments"), Authorize(Policy = Can.MakeCommitments)]
    public static Task<Created> Post(Guid id, MakeCommitment command, Writes writes)
    {
        var commitmentId = Ids.New();
        return writes.Start<Commitment>(commitmentId, command, $"/api/commitments/{commitmentId}",
            context => command.Decide(commitmentId, id, context));
    }
}
