using FluentValidation;
using LoiTracker.Api.Activation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Agreements;

public sealed record SignatureInput(Guid? PartyId, DateOnly? SignedOn, string? SignatoryName);

/// <summary>
/// Signs in counterparts: any number of calls, each with the parties that signed. The agreement is <c>Signed</c>
/// once every signatory party has signed; signing an amendment then applies its provisions to its parent, and what
/// waited on the signature becomes firm (the activation process), all in one transaction.
/// </summary>
public sealed record SignAgreement(IReadOnlyList<SignatureInput>? Signatures, DateOnly? EffectiveOn, SourceInput? Source,
    long? ExpectedVersion) : IHaveSource, IExpectVersion
{
    public sealed class Validator : AbstractValidator<SignAgreement>
    {
        public Validator()
        {
            RuleFor(x => x.Signatures).NotEmpty().WithMessage("Give at least one signature.");
            RuleForEach(x => x.Signatures).ChildRules(signature =>
            {
                signature.RuleFor(s => s.PartyId).NotNull().NotEqual(Guid.Empty);
                signature.RuleFor(s => s.SignedOn).NotNull();
                signature.RuleFor(s => s.SignatoryName).NotEmpty().MaximumLength(200);
            });
            RuleFor(x => x.Signatures)
                .Must(s => s!.Where(x => x.PartyId is not null).GroupBy(x => x.PartyId).All(g => g.Count() == 1))
                .When(x => x.Signatures is not null).WithMessage("A party signs once: it is listed twice.");
            RuleFor(x => x.Source).SetValidator(new SourceInputValidator()!).When(x => x.Source is not null);
        }
    }

    public async Task<IReadOnlyList<object>> Decide(Agreement agreement, ICommandContext context)
    {
        var names = await context.PartyNames(agreement.Parties.Select(p => p.PartyId));
        var signatures = Signatures!.Select(s => new Signature(s.PartyId!.Value, s.SignedOn!.Value, s.SignatoryName!.Trim())).ToList();
        List<object> events = [.. agreement.Sign(signatures, EffectiveOn, context.Now, names)];
        if (events.OfType<AgreementSigned>().FirstOrDefault() is not { } signed) return events;

        var signedAgreement = events.Aggregate(agreement, (state, e) => state.When(e));
        if (agreement is { Kind: AgreementKind.Amendment, ParentAgreementId: { } parentId })
        {
            // The signed amendment changes its parent in the same transaction, the parent's version checked like any write.
            var parent = await context.ForWriting<Agreement>(parentId) ?? throw new NotFound("Agreement", parentId);
            context.Append(parentId, [parent.Amend(signedAgreement)]);
        }
        await Activations.AfterSigning(context, signedAgreement, signed.SignedOn);
        return events;
    }
}

public static class SignAgreementEndpoint
{
    [WolverinePost("/api/agreements/{id}/sign"), Authorize(Policy = Can.Sign)]
    public static Task<Applied> Post(Guid id, SignAgreement command, Writes writes) => writes.On<Agreement>(id, command, command.Decide);
}
