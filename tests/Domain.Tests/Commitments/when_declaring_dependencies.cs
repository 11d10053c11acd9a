using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Common;
using static LoiTracker.Domain.Tests.Given;
using static LoiTracker.Domain.Tests.Commitments.GivenCommitments;

namespace LoiTracker.Domain.Tests.Commitments;

public sealed class when_declaring_dependencies
{
    private static readonly Guid DependencyId = Guid.CreateVersion7();
    private static readonly Guid Target = Guid.CreateVersion7();
    private const string TargetTitle = "Build the data centre";

    private static DependencyDeclared DependOnTarget(Commitment commitment, IReadOnlyList<string>? pathBack = null, Guid? id = null) =>
        commitment.DeclareDependency(id ?? DependencyId, Target, null, Target, TargetTitle, pathBack, null, false);

    [Fact]
    public void a_commitment_depends_on_another()
    {
        var active = Active();

        var declared = active.DeclareDependency(DependencyId, Target, null, Target, TargetTitle, null, "  Needs power first ", true);

        declared.ShouldBe(new DependencyDeclared(DependencyId, Target, null, "Needs power first", true));
        active.After(declared).Dependencies.ShouldBe([new Dependency(DependencyId, Target, null)]);
    }

    [Fact]
    public void a_commitment_depends_on_a_milestone_of_another()
    {
        var active = Active();
        var milestone = Guid.CreateVersion7();

        var declared = active.DeclareDependency(DependencyId, null, milestone, Target, TargetTitle, null, " ", false);

        declared.ShouldBe(new DependencyDeclared(DependencyId, null, milestone, null, false));
        active.After(declared).Dependencies.ShouldBe([new Dependency(DependencyId, null, milestone)]);
    }

    [Fact]
    public void a_commitment_does_not_depend_on_itself_or_its_own_milestones()
    {
        var active = Active();

        var refusal = Should.Throw<RuleViolation>(() =>
            active.DeclareDependency(DependencyId, null, Guid.CreateVersion7(), active.Id, active.Title, null, null, false));

        refusal.Rule.ShouldBe("depends-on-itself");
        refusal.Title.ShouldBe("'Supply DRAM wafers' cannot depend on itself or on its own milestones");
    }

    [Fact]
    public void a_dependency_is_declared_once()
    {
        var active = Active();
        var depending = active.After(DependOnTarget(active));

        var refusal = Should.Throw<RuleViolation>(() => DependOnTarget(depending, id: Guid.CreateVersion7()));

        refusal.Rule.ShouldBe("already-depends");
        refusal.Title.ShouldBe($"'Supply DRAM wafers' already depends on '{TargetTitle}'");
    }

    [Fact]
    public void a_dependency_that_closes_a_cycle_is_refused_naming_the_chain()
    {
        var refusal = Should.Throw<RuleViolation>(() => DependOnTarget(Active(), [TargetTitle, "Secure power", "Supply DRAM wafers"]));

        refusal.Rule.ShouldBe("dependency-cycle");
        refusal.Title.ShouldBe(
            $"'Supply DRAM wafers' cannot depend on '{TargetTitle}': that would be a cycle " +
            $"(Supply DRAM wafers → {TargetTitle} → Secure power → Supply DRAM wafers)");
    }

    [Fact]
    public void a_closed_commitment_declares_no_dependencies()
    {
        var active = Active();
        var withdrawn = active.After(active.Withdraw("Dropped", null));

        Should.Throw<RuleViolation>(() => DependOnTarget(withdrawn)).Rule.ShouldBe("commitment-closed");
    }

    [Fact]
    public void a_dependency_is_removed_by_its_id()
    {
        var active = Active();
        var depending = active.After(DependOnTarget(active));

        var removed = depending.RemoveDependency(DependencyId, " Power secured elsewhere ");

        removed.ShouldBe(new DependencyRemoved(DependencyId, "Power secured elsewhere"));
        var state = depending.After(removed);
        state.Dependencies.ShouldBeEmpty();
        DependOnTarget(state, id: Guid.CreateVersion7()).DependsOnCommitmentId.ShouldBe(Target);
    }

    [Fact]
    public void an_unknown_dependency_is_not_found()
    {
        var active = Active();
        var depending = active.After(DependOnTarget(active));
        var unknown = Guid.CreateVersion7();

        var notFound = Should.Throw<NotFound>(() => depending.RemoveDependency(unknown, "x"));

        notFound.What.ShouldBe("Dependency");
        notFound.Id.ShouldBe(unknown);
    }
}
