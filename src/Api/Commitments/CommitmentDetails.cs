using System.Security.Claims;
using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Commitments;

/// <summary>A note on a commitment; a privileged note (legal advice) is written and read by legal and admin only.</summary>
public sealed record AddCommitmentNote(string? Text, bool? Privileged, long? ExpectedVersion)
{
    public sealed class Validator : AbstractValidator<AddCommitmentNote>
    {
        public Validator() => RuleFor(x => x.Text).NotEmpty().MaximumLength(20_000);
    }
}

/// <summary>The person on our side who owns the commitment.</summary>
public sealed record AssignCommitmentOwner(string? Owner, long? ExpectedVersion)
{
    public sealed class Validator : AbstractValidator<AssignCommitmentOwner>
    {
        public Validator() => RuleFor(x => x.Owner).NotEmpty().MaximumLength(200);
    }
}

/// <summary>Makes a proposed commitment wait on one more condition.</summary>
public sealed record LinkCondition(Guid? ConditionId, long? ExpectedVersion)
{
    public sealed class Validator : AbstractValidator<LinkCondition>
    {
        public Validator() => RuleFor(x => x.ConditionId).NotNull().NotEqual(Guid.Empty);
    }
}

public static class CommitmentDetailEndpoints
{
    [WolverinePost("/api/commitments/{id}/notes"), Authorize(Policy = Can.AddNotes)]
    public static (Applied, Events) AddNote(AddCommitmentNote command, [WriteAggregate] IEventStream<Commitment> stream, ClaimsPrincipal user)
    {
        if (command.Privileged == true) user.MustBeAllowedTo(Can.AddPrivilegedNotes, "Only legal may write a privileged note");
        var commitment = stream.Decide(command.ExpectedVersion);
        Events events = [commitment.AddNote(Ids.New(), command.Text!, command.Privileged ?? false)];
        return (new Applied(commitment.Id, commitment.Version + events.Count), events);
    }

    [WolverinePost("/api/commitments/{id}/owner"), Authorize(Policy = Can.AssignOwners)]
    public static (Applied, Events) AssignOwner(AssignCommitmentOwner command, [WriteAggregate] IEventStream<Commitment> stream)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        Events events = [commitment.AssignOwner(command.Owner!)];
        return (new Applied(commitment.Id, commitment.Version + events.Count), events);
    }

    [WolverinePost("/api/commitments/{id}/conditions"), Authorize(Policy = Can.RecordConditions)]
    public static async Task<(Applied, Events)> LinkCondition(LinkCondition command, [WriteAggregate] IEventStream<Commitment> stream,
        IQuerySession session, CancellationToken token)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        var condition = (await Lookups.Conditions(session, [command.ConditionId!.Value], token))[0];
        Events events = [commitment.LinkCondition(condition)];
        return (new Applied(commitment.Id, commitment.Version + events.Count), events);
    }
}
