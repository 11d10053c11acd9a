using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Agreements;

public sealed record ProvisionAmendsInput(string? Ref, ProvisionAction? Action);

/// <summary>
/// Records a numbered clause of a draft. <c>binding</c> must be stated: an LOI is mostly non-binding and nobody
/// should have to guess. On an amendment, <c>amends</c> says which provision of the parent it replaces, inserts or deletes.
/// </summary>
public sealed record RecordProvision(
    string? Ref,
    string? Heading,
    string? Text,
    bool? Binding,
    bool? Survives,
    ProvisionAmendsInput? Amends,
    SourceInput? Source,
    long? ExpectedVersion) : IHaveSource, IExpectVersion
{
    private bool Deletes => Amends?.Action == ProvisionAction.Delete;

    public sealed class Validator : AbstractValidator<RecordProvision>
    {
        public Validator()
        {
            RuleFor(x => x.Ref).NotEmpty().MaximumLength(50);
            RuleFor(x => x.Heading).NotEmpty().When(x => !x.Deletes).MaximumLength(300);
            RuleFor(x => x.Text).NotEmpty().When(x => !x.Deletes).MaximumLength(20_000);
            RuleFor(x => x.Binding).NotNull().WithMessage("Say whether the provision is binding.");
            RuleFor(x => x.Amends!.Ref).NotEmpty().MaximumLength(50).When(x => x.Amends is not null).OverridePropertyName("amends.ref");
            RuleFor(x => x.Amends!.Action).NotNull().When(x => x.Amends is not null).OverridePropertyName("amends.action");
            RuleFor(x => x.Source).SetValidator(new SourceInputValidator()!).When(x => x.Source is not null);
        }
    }

    public Provision ToProvision() => new(Ref!.Trim(), Heading?.Trim() ?? "", Text?.Trim() ?? "", Binding!.Value, Survives ?? false,
        Amends is null ? null : new ProvisionAmends(Amends.Ref!.Trim(), Amends.Action!.Value));

    public async Task<IReadOnlyList<object>> Decide(Agreement agreement, ICommandContext context)
    {
        var parent = agreement is { Kind: AgreementKind.Amendment, ParentAgreementId: { } parentId } ? await context.Agreement(parentId) : null;
        return [agreement.RecordProvision(ToProvision(), parent)];
    }
}

public static class RecordProvisionEndpoint
{
    [WolverinePost("/api/agreements/{id}/provisions"), Authorize(Policy = Can.RecordProvisions)]
    public static Task<Applied> Post(Guid id, RecordProvision command, Writes writes) => writes.On<Agreement>(id, command, command.Decide);
}
