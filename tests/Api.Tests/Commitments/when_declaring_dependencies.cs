namespace LoiTracker.Api.Tests.Commitments;

[Collection(ApiCollection.Name)]
public sealed class when_declaring_dependencies(ApiHost api)
{
    [Fact]
    public async Task a_dependency_is_declared_a_cycle_is_refused_naming_it_and_a_removal_needs_a_reason()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var design = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, "datacenter-design", title: "Design"));
        var construction = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, "datacenter-construction", title: "Construction"));
        var operations = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, "datacenter-operations", title: "Operations"));
        var designDone = (await api.Post($"/api/commitments/{design}/milestones", new { title = "Design done", dueOn = "2026-12-31", ownerPartyId = supplier }, "editor")).Id;

        var onConstruction = await api.Post($"/api/commitments/{operations}/dependencies", new { dependsOnCommitmentId = construction, note = "Build before run" }, "editor");
        (await api.Post($"/api/commitments/{construction}/dependencies", new { dependsOnMilestoneId = designDone }, "editor")).ShouldBe(201);
        onConstruction.ShouldBe(201);
        var before = await api.EventCount();

        var cycle = await api.Post($"/api/commitments/{design}/dependencies", new { dependsOnCommitmentId = operations }, "editor");
        var itself = await api.Post($"/api/commitments/{design}/dependencies", new { dependsOnMilestoneId = designDone }, "editor");

        cycle.ShouldBe(422);
        cycle.Rule.ShouldBe("dependency-cycle");
        cycle.Title.ShouldBe("'Design' cannot depend on 'Operations': that would be a cycle (Design → Operations → Construction → Design)");
        itself.ShouldBe(422).Rule.ShouldBe("depends-on-itself");
        (await api.EventCount()).ShouldBe(before);

        var detail = (await api.Get($"/api/commitments/{operations}")).Body!;
        var dependency = detail["dependencies"]!.AsArray().ShouldHaveSingleItem()!;
        dependency["dependsOnTitle"]!.GetValue<string>().ShouldBe("Construction");
        var dependencyId = dependency["id"]!.GetValue<Guid>();
        (await api.Delete($"/api/commitments/{operations}/dependencies/{dependencyId}", "editor")).ShouldBe(400).ErrorsFor("reason").ShouldNotBeEmpty();
        (await api.Delete($"/api/commitments/{operations}/dependencies/{dependencyId}?reason=Operations%20start%20on%20a%20leased%20site", "editor")).ShouldBe(200);
        (await api.Get($"/api/commitments/{operations}")).Body!["dependencies"]!.AsArray().ShouldBeEmpty();
        (await api.EventsOf(operations)).Last().GetHeader("reason")!.ToString().ShouldBe("Operations start on a leased site");
    }
}
