using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Conditions;

/// <summary>
/// An outside event commitments and milestones wait for. With <c>satisfiedWhenAgreementSigned</c> it is satisfied
/// automatically when that agreement is signed (at once, if it already is). Its dates are judged in <c>timeZone</c>,
/// by default the zone of the agreement it names, else UTC. <c>agreementId</c> names the agreement it belongs to (by
/// default the one whose signing satisfies it): users scoped to that agreement's parties see it (ADR 16).
/// </summary>
public sealed record RecordCondition(string? Title, ConditionKind? Kind, DateOnly? ExpectedBy, Guid? SatisfiedWhenAgreementSigned,
    string? TimeZone, SourceInput? Source, Guid? AgreementId = null) : IHaveSource
{
    public sealed class Validator : AbstractValidator<RecordCondition>
    {
        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
            RuleFor(x => x.Kind).NotNull();
            RuleFor(x => x.SatisfiedWhenAgreementSigned).NotEqual(Guid.Empty);
            RuleFor(x => x.AgreementId).NotEqual(Guid.Empty);
            RuleFor(x => x.AgreementId).Equal(x => x.SatisfiedWhenAgreementSigned)
                .When(x => x.AgreementId is not null && x.SatisfiedWhenAgreementSigned is not null)
                .WithMessage("A condition satisfied by signing an agreement belongs to that agreement.");
            RuleFor(x => x.TimeZone).Must(BusinessCalendar.IsKnownTimeZone).When(x => x.TimeZone is not null)
                .WithMessage("Use an IANA time zone, such as Asia/Seoul or America/New_York.");
            RuleFor(x => x.Source).SetValidator(new SourceInputValidator()!).When(x => x.Source is not null);
        }
    }

    public async Task<IReadOnlyList<object>> Decide(Guid id, ICommandContext context)
    {
        var signing = SatisfiedWhenAgreementSigned is { } signedId ? await context.KnownAgreement(signedId) : null;
        var home = signing ?? (AgreementId is { } homeId ? await context.KnownAgreement(homeId) : null);
        return [.. Condition.Record(id, Title!, Kind!.Value, ExpectedBy, signing?.Id,
            signing is { IsInForce: true } ? signing.SignedOn : null,
            TimeZone ?? home?.TimeZone ?? BusinessCalendar.DefaultTimeZone, home?.Id)];
    }
}

public static class RecordConditionEndpoint
{
    [WolverinePost("/api/conditions"), Authorize(Policy = Can.RecordConditions)]
    [Access.Scoped("references looked up through Visibility; the condition must belong to an agreement the user sees (NewRecords)")]
    public static Task<Created> Post(RecordCondition command, Writes writes)
    {
        var id = Ids.New();
        return writes.Start<Condition>(id, command, $"/api/conditions/{id}", context => command.Decide(id, context));
    }
}
