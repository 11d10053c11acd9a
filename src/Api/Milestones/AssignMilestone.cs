using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Milestones;

/// <summary>Gives the milestone to a person on our side (or to nobody with an empty <c>assignee</c>).</summary>
public sealed record AssignMilestone(string? Assignee, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<AssignMilestone>
    {
        public Validator() => RuleFor(x => x.Assignee).MaximumLength(200);
    }
}

public static class AssignMilestoneEndpoint
{
    [WolverinePost("/api/commitments/{id}/milestones/{milestoneId}/assignee"), Authorize(Policy = Can.PlanMilestones)]
    public static Task<Applied> Post(Guid id, Guid milestoneId, AssignMilestone command, Writes writes) =>
        writes.On<Commitment>(id, command,
            (commitment, _) => Task.FromResult<IReadOnlyList<object>>([commitment.AssignMilestone(milestoneId, command.Assignee)]));
}
