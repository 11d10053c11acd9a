using LoiTracker.Api.Import;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LoiTracker.Acceptance.Tests;

/// <summary>The Api as ./run.sh starts it: the reference deal loaded into an empty database.</summary>
public sealed class SampleLoadedHost : ReferenceDealHost;

[CollectionDefinition(Name)]
public sealed class SampleCollection : ICollectionFixture<SampleLoadedHost>
{
    public const string Name = "sample";
}

/// <summary>
/// domain.md's reference scenario as the product ships it: a fresh database shows the OpenAI–Samsung commitments in
/// the register, filterable by party and workstream, with the memory quantity and the floating power commitment
/// pending its condition.
/// </summary>
[Collection(SampleCollection.Name)]
public sealed class the_reference_deal_as_sample_data(SampleLoadedHost api)
{
    private async Task<Guid> Party(string name) =>
        (await api.Get($"/api/parties?q={Uri.EscapeDataString(name)}")).Body!["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>();

    [Fact]
    public async Task the_register_shows_every_commitment_of_the_letter_of_intent()
    {
        var register = (await api.Get("/api/commitments?pageSize=50")).ShouldBe(200).Body!;

        register["total"]!.GetValue<long>().ShouldBe(10);
        register["items"]!.AsArray().Select(i => i!["workstream"]!.GetValue<string>()).Distinct().Order().ShouldBe([
            "datacenter-construction", "datacenter-design", "datacenter-operations", "enterprise-ai-services", "floating-control-center",
            "floating-datacenter", "floating-power", "memory-supply", "other", "resale"
        ]);
        register["items"]!.AsArray().ShouldAllBe(i => i!["binding"]!.GetValue<bool>() == false);
        var agreements = (await api.Get("/api/agreements")).Body!;
        agreements["items"]![0]!["status"]!.GetValue<string>().ShouldBe("Signed");
        agreements["items"]![0]!["parties"]!.AsArray().Count.ShouldBe(5);
    }

    [Fact]
    public async Task samsung_electronics_memory_commitment_carries_up_to_900000_wafers_a_month()
    {
        var samsungElectronics = await Party("Samsung Electronics");

        var rows = (await api.Get($"/api/commitments?party={samsungElectronics}&workstream=memory-supply")).ShouldBe(200).Body!["items"]!.AsArray();

        var memory = rows.ShouldHaveSingleItem()!;
        memory["obligors"]!.AsArray().ShouldHaveSingleItem()!["name"]!.GetValue<string>().ShouldBe("Samsung Electronics");
        memory["beneficiaries"]!.AsArray().ShouldHaveSingleItem()!["name"]!.GetValue<string>().ShouldBe("OpenAI");
        memory["status"]!.GetValue<string>().ShouldBe("Active");
        var quantity = memory["quantity"]!;
        quantity["amount"]!.GetValue<decimal>().ShouldBe(900_000);
        quantity["unit"]!.GetValue<string>().ShouldBe("DRAM wafers");
        quantity["per"]!.GetValue<string>().ShouldBe("month");
        quantity["kind"]!.GetValue<string>().ShouldBe("up-to");
        memory["nextMilestone"]!["illustrative"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task the_floating_power_commitment_is_pending_its_condition()
    {
        var heavyIndustries = await Party("Samsung Heavy Industries");

        var power = (await api.Get($"/api/commitments?party={heavyIndustries}&workstream=floating-power")).Body!["items"]!.AsArray()
            .ShouldHaveSingleItem()!;

        power["status"]!.GetValue<string>().ShouldBe("Proposed");
        power["nextMilestone"]!["state"]!.GetValue<string>().ShouldBe("pending");
        var detail = (await api.Get($"/api/commitments/{power["id"]!.GetValue<Guid>()}")).Body!;
        var condition = detail["conditions"]!.AsArray().ShouldHaveSingleItem()!;
        condition["title"]!.GetValue<string>().ShouldBe("Extension to floating power plants and floating control centers agreed");
        condition["status"]!.GetValue<string>().ShouldBe("Open");
        detail["milestones"]![0]!["pendingOn"]!.GetValue<string>().ShouldStartWith("condition 'Extension");
    }

    [Fact]
    public async Task every_milestone_date_is_marked_illustrative_and_the_natural_dependencies_are_there()
    {
        await api.WaitForProjections();
        var milestones = (await api.Get("/api/milestones?pageSize=100")).Body!;
        milestones["total"]!.GetValue<long>().ShouldBe(10);
        milestones["items"]!.AsArray().ShouldAllBe(m => m!["milestone"]!["illustrative"]!.GetValue<bool>());

        var operations = (await api.Get("/api/commitments?workstream=datacenter-operations")).Body!["items"]![0]!["id"]!.GetValue<Guid>();
        var dependencies = (await api.Get($"/api/commitments/{operations}")).Body!["dependencies"]!.AsArray();
        dependencies.Select(d => d!["dependsOnTitle"]!.GetValue<string>()).ShouldBe(["AI data center design", "AI data center development"], ignoreOrder: true);
        dependencies.ShouldAllBe(d => d!["illustrative"]!.GetValue<bool>());
    }

    [Fact]
    public async Task importing_the_sample_again_creates_nothing()
    {
        var bundle = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "openai-samsung-loi-2025.json"));
        var before = await api.EventCount();

        var reply = await api.Post("/api/import", bundle);

        reply.ShouldBe(200).Body!["outcome"]!.GetValue<string>().ShouldBe("nothing-new");
        (await api.EventCount()).ShouldBe(before);
    }
}
