using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Commitments;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Parties;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Agreements;

public sealed record SignatureInput(Guid? PartyId, DateOnly? SignedOn, string? SignatoryName);

/// <summary>
/// Signs in counterparts: any number of calls, each with the parties that signed. The agreement is <c>Signed</c>
/// once every signatory party has signed; signing an amendment then applies its provisions to its parent.
/// </summary>
public sealed record SignAgreement(IReadOnlyList<SignatureInput>? Signatures, DateOnly? EffectiveOn, SourceInput? Source,
    long? ExpectedVersion) : IHaveSource
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
}

public static class SignAgreementEndpoint
{
    [WolverinePost("/api/agreements/{id}/sign"), Authorize(Policy = Can.Sign)]
    public static async Task<(Applied, Events)> Post(SignAgreement command, [WriteAggregate] Agreement agreement,
        IDocumentSession session, TimeProvider clock, CancellationToken token)
    {
        Versioning.Expect(command.ExpectedVersion, agreement.Version, "Agreement", agreement.Id);
        var names = (await session.LoadManyAsync<Party>(token, agreement.Parties.Select(p => p.PartyId)))
            .ToDictionary(p => p.Id, p => p.Name);
        var signatures = command.Signatures!
            .Select(s => new Signature(s.PartyId!.Value, s.SignedOn!.Value, s.SignatoryName!)).ToList();

        Events events = [.. agreement.Sign(signatures, command.EffectiveOn, clock.GetUtcNow(), names)];
        if (events.OfType<AgreementSigned>().FirstOrDefault() is not { } signed)
            return (new Applied(agreement.Id, agreement.Version + events.Count), events);

        var signedAgreement = events.Aggregate(agreement, (state, e) => state.When(e));
        if (agreement is { Kind: AgreementKind.Amendment, ParentAgreementId: { } parentId })
        {
            // The one command that writes two streams: the signed amendment changes its parent, in the same transaction,
            // with the parent's version checked like any other write.
            var parent = await session.Events.FetchForWriting<Agreement>(parentId, token);
            var current = parent.Aggregate ?? throw new NotFound("Agreement", parentId);
            parent.AppendOne(current.Amend(signedAgreement));
        }

        await Activation.AfterSigning(session, signedAgreement, signed.SignedOn, token);

        return (new Applied(agreement.Id, agreement.Version + events.Count), events);
    }
}
