using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Conditions;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Conditions;

/// <summary>The condition will not be met: what waits on it stays proposed, and the risk work flags it.</summary>
public sealed record FailCondition(DateOnly? On, string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason, IExpectVersion
{
    public sealed class Validator : AbstractValidator<FailCondition>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
            RuleFor(x => x.Evidence).SetValidator(new EvidenceInput.Validator()!).When(x => x.Evidence is not null);
        }
    }

    public IReadOnlyList<object> Decide(Condition condition, DateTimeOffset now) =>
        [condition.Fail(On, Reason!, Evidence?.ToEvidence(), now)];
}

public static class FailConditionEndpoint
{
    [WolverinePost("/api/conditions/{id}/fail"), Authorize(Policy = Can.RecordConditions)]
    public static Task<Applied> Post(Guid id, FailCondition command, Writes writes) =>
        writes.On<Condition>(id, command, (condition, context) => Task.FromResult(command.Decide(condition, context.Now)));
}
