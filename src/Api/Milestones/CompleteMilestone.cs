using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Milestones;

/// <summary>A milestone is done, on a date no later than today in the agreement's zone, with evidence.</summary>
public sealed record CompleteMilestone(DateOnly? CompletedOn, EvidenceInput? Evidence, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<CompleteMilestone>
    {
        public Validator()
        {
            RuleFor(x => x.CompletedOn).NotNull();
            RuleFor(x => x.Evidence).SetValidator(new EvidenceInput.Validator()!).When(x => x.Evidence is not null);
        }
    }

    public async Task<IReadOnlyList<object>> Decide(Commitment commitment, Guid milestoneId, ICommandContext context) =>
        [commitment.CompleteMilestone(milestoneId, CompletedOn!.Value, Evidence?.ToEvidence(), await context.TodayFor(commitment))];
}

public static class CompleteMilestoneEndpoint
{
    [WolverinePost("/api/commitments/{id}/milestones/{milestoneId}/complete"), Authorize(Policy = Can.PlanMilestones)]
    public static Task<Applied> Post(Guid id, Guid milestoneId, CompleteMilestone command, Writes writes) =>
        writes.On<Commitment>(id, command, (commitment, context) => command.Decide(commitment, milestoneId, context));
}
