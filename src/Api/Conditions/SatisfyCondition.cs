using FluentValidation;
using LoiTracker.Api.Activation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Conditions;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Conditions;

/// <summary>
/// The condition is met (on a date, today in its zone by default, with evidence): what waited only on it becomes firm,
/// in the same transaction (the activation process).
/// </summary>
public sealed record SatisfyCondition(DateOnly? On, EvidenceInput? Evidence, SourceInput? Source, long? ExpectedVersion)
    : IHaveSource, IExpectVersion
{
    public sealed class Validator : AbstractValidator<SatisfyCondition>
    {
        public Validator()
        {
            RuleFor(x => x.Evidence).SetValidator(new EvidenceInput.Validator()!).When(x => x.Evidence is not null);
            RuleFor(x => x.Source).SetValidator(new SourceInputValidator()!).When(x => x.Source is not null);
        }
    }

    public async Task<IReadOnlyList<object>> Decide(Condition condition, ICommandContext context)
    {
        IReadOnlyList<object> events = [condition.Satisfy(On, Evidence?.ToEvidence(), context.Now)];
        await Activations.AfterConditionsSatisfied(context, [condition.Id], $"condition '{condition.Title}' is satisfied");
        return events;
    }
}

public static class SatisfyConditionEndpoint
{
    [WolverinePost("/api/conditions/{id}/satisfy"), Authorize(Policy = Can.RecordConditions)]
    public static Task<Applied> Post(Guid id, SatisfyCondition command, Writes writes) => writes.On<Condition>(id, command, command.Decide);
}
