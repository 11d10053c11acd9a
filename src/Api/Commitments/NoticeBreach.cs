using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>A breach of a binding commitment is noticed, with a cure deadline; a non-binding one is recorded as not performed instead.</summary>
public sealed record NoticeBreach(DateOnly? CureBy, string? Reason, EvidenceInput? Evidence, long? ExpectedVersion) : IHaveReason, IExpectVersion
{
    public sealed class Validator : AbstractValidator<NoticeBreach>
    {
        public Validator()
        {
            RuleFor(x => x.CureBy).NotNull().WithMessage("Give the cure deadline.");
            this.ReasonAndEvidenceRules(x => x.Reason, x => x.Evidence, reasonRequired: true);
        }
    }

    public async Task<IReadOnlyList<object>> Decide(Commitment commitment, ICommandContext context) =>
        [commitment.NoticeBreach(CureBy!.Value, Reason!, Evidence?.ToEvidence(), await context.TodayFor(commitment))];
}

public static class NoticeBreachEndpoint
{
    [WolverinePost("/api/commitments/{id}/notice-breach"), Authorize(Policy = Can.NoticeBreach)]
    public static Task<Applied> Post(Guid id, NoticeBreach command, Writes writes) => writes.On<Commitment>(id, command, command.Decide);
}
