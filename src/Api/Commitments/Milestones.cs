using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Milestones;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Commitments;

public sealed record DueAnchorInput(Guid? MilestoneId, Guid? ConditionId, bool? AgreementSigned);

public sealed record RelativeDueInput(int? Days, DueAnchorInput? After);

/// <summary>
/// A dated step of a commitment. Due on a date, or relative: N days after another milestone's completion, a
/// condition's satisfaction or the agreement's signature, moving when its anchor moves. <c>illustrative</c> marks an
/// invented date (the sample data's are).
/// </summary>
public sealed record PlanMilestone(string? Title, DateOnly? DueOn, RelativeDueInput? Due, Guid? OwnerPartyId, string? Assignee,
    IReadOnlyList<Guid>? ConditionIds, bool? Illustrative, long? ExpectedVersion)
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
}

public sealed record RescheduleMilestone(DateOnly? DueOn, string? Reason, long? ExpectedVersion) : IHaveReason
{
    public sealed class Validator : AbstractValidator<RescheduleMilestone>
    {
        public Validator()
        {
            RuleFor(x => x.DueOn).NotNull();
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
        }
    }
}

public sealed record CompleteMilestone(DateOnly? CompletedOn, EvidenceInput? Evidence, long? ExpectedVersion)
{
    public sealed class Validator : AbstractValidator<CompleteMilestone>
    {
        public Validator()
        {
            RuleFor(x => x.CompletedOn).NotNull();
            RuleFor(x => x.Evidence).SetValidator(new EvidenceInput.Validator()!).When(x => x.Evidence is not null);
        }
    }
}

/// <summary>Gives the milestone to a person on our side (or to nobody with an empty <c>assignee</c>).</summary>
public sealed record AssignMilestone(string? Assignee, long? ExpectedVersion)
{
    public sealed class Validator : AbstractValidator<AssignMilestone>
    {
        public Validator() => RuleFor(x => x.Assignee).MaximumLength(200);
    }
}

public static class MilestoneEndpoints
{
    [WolverinePost("/api/commitments/{id}/milestones"), Authorize(Policy = Can.PlanMilestones)]
    public static async Task<(Created, Events)> Plan(PlanMilestone command, [WriteAggregate] IEventStream<Commitment> stream, IQuerySession session,
        CancellationToken token)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        var anchor = command.Due?.After;
        if (anchor?.MilestoneId is { } milestoneId && await session.LoadAsync<MilestoneView>(milestoneId, token) is null)
            throw new RuleViolation("unknown-milestone", $"Milestone {milestoneId} does not exist");
        await Lookups.Conditions(session, [.. command.ConditionIds ?? [], .. anchor?.ConditionId is { } c ? [c] : Array.Empty<Guid>()], token);
        var owner = await Lookups.PartyNames(session, [command.OwnerPartyId!.Value], token);

        var id = Ids.New();
        Events events = [commitment.PlanMilestone(id, command.Title!, command.DueOn, command.ToRelativeDue(), command.OwnerPartyId.Value,
            command.Assignee, command.ConditionIds ?? [], command.Illustrative ?? false,
            owner.GetValueOrDefault(command.OwnerPartyId.Value) ?? $"Party {command.OwnerPartyId}")];
        return (new Created(id, commitment.Version + events.Count, $"/api/milestones/{id}"), events);
    }

    [WolverinePost("/api/commitments/{id}/milestones/{milestoneId}/reschedule"), Authorize(Policy = Can.PlanMilestones)]
    public static (Applied, Events) Reschedule(RescheduleMilestone command, Guid milestoneId, [WriteAggregate] IEventStream<Commitment> stream)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        Events events = [commitment.RescheduleMilestone(milestoneId, command.DueOn!.Value, command.Reason!)];
        return (new Applied(commitment.Id, commitment.Version + events.Count), events);
    }

    [WolverinePost("/api/commitments/{id}/milestones/{milestoneId}/complete"), Authorize(Policy = Can.PlanMilestones)]
    public static async Task<(Applied, Events)> Complete(CompleteMilestone command, Guid milestoneId, [WriteAggregate] IEventStream<Commitment> stream,
        IQuerySession session, TimeProvider clock, CancellationToken token)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        var agreement = await Lookups.Agreement(session, commitment.AgreementId, token);
        Events events = [commitment.CompleteMilestone(milestoneId, command.CompletedOn!.Value, command.Evidence?.ToEvidence(),
            Today.In(agreement.TimeZone, clock))];
        return (new Applied(commitment.Id, commitment.Version + events.Count), events);
    }

    [WolverinePost("/api/commitments/{id}/milestones/{milestoneId}/assignee"), Authorize(Policy = Can.PlanMilestones)]
    public static (Applied, Events) Assign(AssignMilestone command, Guid milestoneId, [WriteAggregate] IEventStream<Commitment> stream)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        Events events = [commitment.AssignMilestone(milestoneId, command.Assignee)];
        return (new Applied(commitment.Id, commitment.Version + events.Count), events);
    }
}
