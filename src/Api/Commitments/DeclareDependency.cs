using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Commitments;

/// <summary>This commitment needs another commitment, or one milestone of it, first (finish-to-start). Cycles are refused.</summary>
public sealed record DeclareDependency(Guid? DependsOnCommitmentId, Guid? DependsOnMilestoneId, string? Note, bool? Illustrative,
    long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<DeclareDependency>
    {
        public Validator()
        {
            RuleFor(x => x.DependsOnCommitmentId).NotNull().When(x => x.DependsOnMilestoneId is null)
                .WithMessage("Name the commitment (dependsOnCommitmentId) or the milestone (dependsOnMilestoneId) this one needs first.");
            RuleFor(x => x.DependsOnMilestoneId).Null().When(x => x.DependsOnCommitmentId is not null)
                .WithMessage("Name a commitment or a milestone, not both.");
            RuleFor(x => x.Note).MaximumLength(2000);
        }
    }

    public async Task<IReadOnlyList<object>> Decide(Commitment commitment, Guid id, ICommandContext context)
    {
        var (targetId, targetTitle) = DependsOnMilestoneId is { } milestoneId
            ? await context.KnownMilestone(milestoneId) is var m ? (m.CommitmentId, $"milestone '{m.Title}'") : default
            : await context.KnownCommitment(DependsOnCommitmentId!.Value) is var c ? (c.Id, c.Title) : default;
        // Only what the target reaches upstream is read: a path from it back to this commitment would close a cycle.
        var upstream = await context.UpstreamOf(targetId);
        return [commitment.DeclareDependency(id, DependsOnCommitmentId, DependsOnMilestoneId, targetId, targetTitle,
            upstream.PathBetween(targetId, commitment.Id, commitment.Title), Note, Illustrative ?? false)];
    }
}

public static class DeclareDependencyEndpoint
{
    [WolverinePost("/api/commitments/{id}/dependencies"), Authorize(Policy = Can.DeclareDependencies)]
    public static Task<Created> Post(Guid id, DeclareDependency command, Writes writes)
    {
        var dependencyId = Ids.New();
        return writes.AddTo<Commitment>(id, command, dependencyId, $"/api/commitments/{id}",
            (commitment, context) => command.Decide(commitment, dependencyId, context));
    }
}
