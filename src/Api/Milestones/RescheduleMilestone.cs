using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Milestones;

/// <summary>Moves a planned milestone to another date, with a reason: the history keeps every date it had.</summary>
public sealed record RescheduleMilestone(DateOnly? DueOn, string? Reason, long? ExpectedVersion) : IHaveReason, IExpectVersion
{
    public sealed class Validator : AbstractValidator<RescheduleMilestone>
    {
        public Validator()
        {
            RuleFor(x => x.DueOn).NotNull();
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
        }
    }

    public IReadOnlyList<object> Decide(Commitment commitment, Guid milestoneId) =>
        [commitment.RescheduleMilestone(milestoneId, DueOn!.Value, Reason!)];
}

public static class RescheduleMilestoneEndpoint
{
    [WolverinePost("/api/commitments/{id}/milestones/{milestoneId}/reschedule"), Authorize(Policy = Can.PlanMilestones)]
    public static Task<Applied> Post(Guid id, Guid milestoneId, RescheduleMilestone command, Writes writes) =>
        writes.On<Commitment>(id, command, (commitment, _) => Task.FromResult(command.Decide(commitment, milestoneId)));
}
