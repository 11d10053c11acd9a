using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Milestones;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Commitments;

/// <summary>This commitment needs another commitment, or one milestone of it, first (finish-to-start). Cycles are refused.</summary>
public sealed record DeclareDependency(Guid? DependsOnCommitmentId, Guid? DependsOnMilestoneId, string? Note, bool? Illustrative,
    long? ExpectedVersion)
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
}

public static class DependencyEndpoints
{
    [WolverinePost("/api/commitments/{id}/dependencies"), Authorize(Policy = Can.DeclareDependencies)]
    public static async Task<(Created, Events)> Declare(DeclareDependency command, [WriteAggregate] IEventStream<Commitment> stream,
        IQuerySession session, CancellationToken token)
    {
        var commitment = stream.Decide(command.ExpectedVersion);
        var graph = await DependencyGraph.Load(session, token);
        var (targetId, targetTitle) = await Target(session, command, token);

        var id = Ids.New();
        Events events = [commitment.DeclareDependency(id, command.DependsOnCommitmentId, command.DependsOnMilestoneId, targetId, targetTitle,
            graph.PathBetween(targetId, commitment.Id, commitment.Title), command.Note, command.Illustrative ?? false)];
        return (new Created(id, commitment.Version + events.Count, $"/api/commitments/{commitment.Id}"), events);
    }

    /// <summary>Removing a dependency needs a reason (<c>?reason=</c>): the audit trail says why the link went.</summary>
    [WolverineDelete("/api/commitments/{id}/dependencies/{dependencyId}"), Authorize(Policy = Can.DeclareDependencies)]
    public static (Applied, Events) Remove(Guid dependencyId, string? reason, long? expectedVersion, [WriteAggregate] IEventStream<Commitment> stream)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new InvalidRequest(new Dictionary<string, string[]> { ["reason"] = ["Say why the dependency is removed."] });
        var commitment = stream.Decide(expectedVersion);
        Events events = [commitment.RemoveDependency(dependencyId, reason)];
        return (new Applied(commitment.Id, commitment.Version + events.Count), events);
    }

    private static async Task<(Guid Commitment, string Title)> Target(IQuerySession session, DeclareDependency command, CancellationToken token)
    {
        if (command.DependsOnMilestoneId is { } milestoneId)
        {
            var milestone = await session.LoadAsync<MilestoneView>(milestoneId, token)
                            ?? throw new RuleViolation("unknown-milestone", $"Milestone {milestoneId} does not exist");
            return (milestone.CommitmentId, $"milestone '{milestone.Title}'");
        }
        var target = await session.LoadAsync<Commitment>(command.DependsOnCommitmentId!.Value, token)
                     ?? throw new RuleViolation("unknown-commitment", $"Commitment {command.DependsOnCommitmentId} does not exist");
        return (target.Id, target.Title);
    }
}

/// <summary>
/// Every declared dependency, commitment to commitment. A dependency on a milestone counts as one on the milestone's
/// commitment: finish-to-start, that commitment cannot start before what it depends on is done.
/// </summary>
public sealed class DependencyGraph
{
    private readonly Dictionary<Guid, (string Title, List<Guid> Needs)> _nodes = [];

    public static async Task<DependencyGraph> Load(IQuerySession session, CancellationToken token)
    {
        var graph = new DependencyGraph();
        var dependents = await session.Query<Commitment>().Where(c => c.Dependencies.Any()).ToListAsync(token);
        var milestoneIds = dependents.SelectMany(c => c.Dependencies).Select(d => d.DependsOnMilestoneId).OfType<Guid>().Distinct().ToArray();
        var owners = milestoneIds.Length == 0
            ? new Dictionary<Guid, Guid>()
            : (await session.LoadManyAsync<MilestoneView>(token, milestoneIds)).ToDictionary(m => m.Id, m => m.CommitmentId);
        foreach (var commitment in dependents)
        {
            var needs = commitment.Dependencies
                .Select(d => d.DependsOnCommitmentId ?? owners.GetValueOrDefault(d.DependsOnMilestoneId!.Value))
                .Where(id => id != Guid.Empty).ToList();
            graph._nodes[commitment.Id] = (commitment.Title, needs);
        }
        return graph;
    }

    /// <summary>Adds a dependency not yet written (an import declares several in one go).</summary>
    public void Add(Guid from, string title, Guid to)
    {
        if (!_nodes.TryGetValue(from, out var node)) _nodes[from] = node = (title, []);
        node.Needs.Add(to);
    }

    /// <summary>The titles along a chain of dependencies from <paramref name="from"/> to <paramref name="to"/>, or null if there is none.</summary>
    public IReadOnlyList<string>? PathBetween(Guid from, Guid to, string toTitle)
    {
        var seen = new HashSet<Guid>();
        List<Guid>? Walk(Guid node)
        {
            if (node == to) return [node];
            if (!seen.Add(node) || !_nodes.TryGetValue(node, out var entry)) return null;
            foreach (var next in entry.Needs)
                if (Walk(next) is { } rest) return [node, .. rest];
            return null;
        }
        return Walk(from)?.Select(id => id == to ? toTitle : _nodes[id].Title).ToList();
    }
}
