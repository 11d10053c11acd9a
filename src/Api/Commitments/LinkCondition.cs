using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>Makes a proposed commitment wait on one more condition.</summary>
public sealed record LinkCondition(Guid? ConditionId, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<LinkCondition>
    {
        public Validator() => RuleFor(x => x.ConditionId).NotNull().NotEqual(Guid.Empty);
    }

    public async Task<IReadOnlyList<object>> Decide(Commitment commitment, ICommandContext context)
    {
        var condition = (await context.KnownConditions([ConditionId!.Value]))[0];
        return [commitment.LinkCondition(condition)];
    }
}

public static class LinkConditionEndpoint
{
    [WolverinePost("/api/commitments/{id}/conditions"), Authorize(Policy = Can.RecordConditions)]
    public static Task<Applied> Post(Guid id, LinkCondition command, Writes writes) => writes.On<Commitment>(id, command, command.Decide);
}
