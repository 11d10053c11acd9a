using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Commitments;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Conditions;

/// <summary>The condition is met (on a date, today in UTC by default, with evidence): what waited only on it becomes firm.</summary>
public sealed record SatisfyCondition(DateOnly? On, EvidenceInput? Evidence, SourceInput? Source, long? ExpectedVersion) : IHaveSource
{
    public sealed class Validator : AbstractValidator<SatisfyCondition>
    {
        public Validator()
        {
            RuleFor(x => x.Evidence).SetValidator(new EvidenceInput.Validator()!).When(x => x.Evidence is not null);
            RuleFor(x => x.Source).SetValidator(new SourceInputValidator()!).When(x => x.Source is not null);
        }
    }
}

/// <summary>The condition will not be met: what waits on it stays proposed, and the risk work flags it.</summary>
public sealed record FailCondition(DateOnly? On, string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason
{
    public sealed class Validator : AbstractValidator<FailCondition>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
            RuleFor(x => x.Evidence).SetValidator(new EvidenceInput.Validator()!).When(x => x.Evidence is not null);
        }
    }
}

public static class SettleConditionEndpoints
{
    [WolverinePost("/api/conditions/{id}/satisfy"), Authorize(Policy = Can.RecordConditions)]
    public static async Task<(Applied, Events)> Satisfy(SatisfyCondition command, [WriteAggregate] Condition condition,
        IDocumentSession session, TimeProvider clock, CancellationToken token)
    {
        Versioning.Expect(command.ExpectedVersion, condition.Version, "Condition", condition.Id);
        Events events = [condition.Satisfy(command.On ?? Today.In("UTC", clock), command.Evidence?.ToEvidence(), Today.Anywhere(clock))];
        await Activation.AfterConditionsSatisfied(session, [condition.Id], $"condition '{condition.Title}' is satisfied", token);
        return (new Applied(condition.Id, condition.Version + events.Count), events);
    }

    [WolverinePost("/api/conditions/{id}/fail"), Authorize(Policy = Can.RecordConditions)]
    public static (Applied, Events) Fail(FailCondition command, [WriteAggregate] Condition condition, TimeProvider clock)
    {
        Versioning.Expect(command.ExpectedVersion, condition.Version, "Condition", condition.Id);
        Events events = [condition.Fail(command.On ?? Today.In("UTC", clock), command.Reason!, command.Evidence?.ToEvidence(), Today.Anywhere(clock))];
        return (new Applied(condition.Id, condition.Version + events.Count), events);
    }
}
