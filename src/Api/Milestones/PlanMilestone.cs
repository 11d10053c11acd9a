using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Milestones;

public sealed record DueAnchorInput(Guid? MilestoneId, Guid? ConditionId, bool? AgreementSigned);

public sealed record RelativeDueInput(int? Days, DueAnchorInput? After);

/// <summary>
/// A dated step of a commitment. Due on a date, or relative: N days after another milestone's completion, a
/// condition's satisfaction or the agreement's signature, moving when its anchor moves. <c>illustrative</c> marks an
/// invented date (the sample data's are).
/// </summary>
public sealed record PlanMilestone(string? Title, DateOnly? DueOn, RelativeDueInput? Due, Guid? OwnerPartyId, string? Assignee,
    IReadOnlyList<Guid>? ConditionIds, bool? Illustrative, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<PlanMilestone>
    {
        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
            RuleFor(x => x.DueOn).NotNull().When(x => x.Due is null).WithMessage("Give a due date (dueOn) or a relative one (due).");
            RuleFor(x => x.Due).Null().When(x => x.DueOn is not null).WithMessage("Give either dueOn or due, not both.");
            RuleFor(x => x.Due!.Days).NotNull().InclusiveBetween(0, 3650).When(x => x.Due is not null).OverridePropertyName("due.days");
            RuleFor(x => x.Due!.After).NotNull()
                .Must(a => (a!.MilestoneId is not null ? 1 : 0) + (a.ConditionId is not null ? 1 : 0) + (a.AgreementSigned == true ? 1 : 0) == 1)
                .When(x => x.Due is not null).OverridePropertyName("due.after")
                .WithMessage("Count from exactly one of: a milestoneId, a conditionId, or agreementSigned: true.");
            RuleFor(x => x.OwnerPartyId).NotNull().NotEqual(Guid.Empty);
            RuleFor(x => x.Assignee).MaximumLength(200);
        }
    }

    public RelativeDue? ToRelativeDue() => Due is null
        ? null
        : new RelativeDue(Due.Days!.Value, new DueAnchor(Due.After!.MilestoneId, Due.After.ConditionId, Due.After.AgreementSigned == true));

    public async Task<IReadOnlyList<object>> Decide(Commitment commitment, Guid id, ICommandContext context)
    {
        var anchor = Due?.After;
        if (anchor?.MilestoneId is { } milestoneId) await context.KnownMilestone(milestoneId);
        await context.KnownConditions([.. ConditionIds ?? [], .. anchor?.ConditionId is { } c ? [c] : Array.Empty<Guid>()]);
        var owner = await context.PartyNames([OwnerPartyId!.Value]);
        return [commitment.PlanMilestone(id, Title!, DueOn, ToRelativeDue(), OwnerPartyId.Value, Assignee, ConditionIds ?? [],
            Illustrative ?? false, owner.GetValueOrDefault(OwnerPartyId.Value) ?? $"Party {OwnerPartyId}")];
    }
}

public static class PlanMilestoneEndpoint
{
    [WolverinePost("/api/commitments/{id}/milestones"), Authorize(Policy = Can.PlanMilestones)]
    public static Task<Created> Post(Guid id, PlanMilestone command, Writes writes)
    {
        var milestoneId = Ids.New();
        return writes.AddTo<Commitment>(id, command, milestoneId, $"/api/milestones/{milestoneId}",
            (commitment, context) => command.Decide(commitment, milestoneId, context));
    }
}
