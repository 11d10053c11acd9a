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
/// by default the zone of the agreement it names, else UTC.
/// </summary>
public sealed record RecordCondition(string? Title, ConditionKind? Kind, DateOnly? ExpectedBy, Guid? SatisfiedWhenAgreementSigned,
    string? TimeZone, SourceInput? Source) : IHaveSource
{
    public sealed class Validator : AbstractValidator<RecordCondition>
    {
        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
            RuleFor(x => x.Kind).NotNull();
            RuleFor(x => x.SatisfiedWhenAgreementSigned).NotEqual(Guid.Empty);
            RuleFor(x => x.TimeZone).Must(BusinessCalendar.IsKnownTimeZone).When(x => x.TimeZone is not null)
                .WithMessage("Use an IANA time zone, such as Asia/Seoul or America/New_York.");
            RuleFor(x => x.Source).SetValidator(new SourceInputValidator()!).When(x => x.Source is not null);
        }
    }

    public async Task<IReadOnlyList<object>> Decide(Guid id, ICommandContext context)
    {
        var agreement = SatisfiedWhenAgreementSigned is { } agreementId ? await context.KnownAgreement(agreementId) : null;
        return [.. Condition.Record(id, Title!, Kind!.Value, ExpectedBy, agreement?.Id,
            agreement is { IsInForce: true } ? agreement.SignedOn : null,
            TimeZone ?? agreement?.TimeZone ?? BusinessCalendar.DefaultTimeZone)];
    }
}

public static class RecordConditionEndpoint
{
    [WolverinePost("/api/conditions"), Authorize(Policy = Can.RecordConditions)]
    public static Task<Created> Post(RecordCondition command, Writes writes)
    {
        var id = Ids.New();
        return writes.Start<Condition>(id, command, $"/api/conditions/{id}", context => command.Decide(id, context));
    }
}
