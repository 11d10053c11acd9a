using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Conditions;

/// <summary>
/// An outside event commitments and milestones wait for. With <c>satisfiedWhenAgreementSigned</c> it is satisfied
/// automatically when that agreement is signed (at once, if it already is).
/// </summary>
public sealed record RecordCondition(string? Title, ConditionKind? Kind, DateOnly? ExpectedBy, Guid? SatisfiedWhenAgreementSigned,
    SourceInput? Source) : IHaveSource
{
    public sealed class Validator : AbstractValidator<RecordCondition>
    {
        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
            RuleFor(x => x.Kind).NotNull();
            RuleFor(x => x.SatisfiedWhenAgreementSigned).NotEqual(Guid.Empty);
            RuleFor(x => x.Source).SetValidator(new SourceInputValidator()!).When(x => x.Source is not null);
        }
    }
}

public static class RecordConditionEndpoint
{
    [WolverinePost("/api/conditions"), Authorize(Policy = Can.RecordConditions)]
    public static async Task<(Created, IStartStream)> Post(RecordCondition command, IQuerySession session, CancellationToken token)
    {
        Agreement? agreement = null;
        if (command.SatisfiedWhenAgreementSigned is { } agreementId)
            agreement = await session.LoadAsync<Agreement>(agreementId, token)
                        ?? throw new RuleViolation("unknown-agreement", $"Agreement {agreementId} does not exist");
        var id = Ids.New();
        var events = Condition.Record(id, command.Title!, command.Kind!.Value, command.ExpectedBy, agreement?.Id,
            agreement is { IsInForce: true } ? agreement.SignedOn : null).ToArray();
        return (new Created(id, events.Length, $"/api/conditions/{id}"), MartenOps.StartStream<Condition>(id, events));
    }
}
