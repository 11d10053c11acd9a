using LoiTracker.Api.Commitments;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Projections.Reading;
using Marten;

namespace LoiTracker.Api.Tests.Commitments;

[Collection(ApiCollection.Name)]
public sealed class when_recording_deliveries(ApiHost api)
{
    private string ThisMonth => api.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM");

    [Fact]
    public async Task a_delivery_is_one_event_and_the_register_shows_it_against_the_quantity_of_the_period()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers(1000)));
        var before = (await api.EventsOf(commitment)).Count;

        var first = await api.Post($"/api/commitments/{commitment}/deliveries", new { period = ThisMonth, quantity = 250 }, "editor");
        var second = await api.Post($"/api/commitments/{commitment}/deliveries", new
        {
            period = ThisMonth, quantity = 150,
            evidence = new { name = "delivery-note.pdf", sha256 = new string('a', 64), uri = "https://example.com/notes/42" }
        }, "editor");

        first.ShouldBe(201).Version.ShouldBe(before + 1);
        second.ShouldBe(201).Version.ShouldBe(before + 2);
        var events = await api.EventsOf(commitment);
        events.Skip(before).Select(e => e.EventTypeName).ShouldBe(["delivery_recorded", "delivery_recorded"]);
        events.Last().UserName.ShouldBe("editor-user");

        var row = (await api.Get($"/api/commitments?agreement={loi}")).As<PageOf<RegisterRow>>().Items.ShouldHaveSingleItem();
        row.Version.ShouldBe(second.Version);
        row.Quantity!.Period.ShouldBe(ThisMonth);
        row.Quantity.Delivered.ShouldBe(400);
        row.Quantity.Utilisation.ShouldBe(0.4m);
        row.LastChange!.EventType.ShouldBe("delivery_recorded");
        var detail = (await api.Get($"/api/commitments/{commitment}")).As<CommitmentDetails>();
        detail.DeliveryCount.ShouldBe(2);
        detail.RecentDeliveries[0].Evidence!.Name.ShouldBe("delivery-note.pdf");
        (await api.Get($"/api/commitments/{commitment}/deliveries?pageSize=1")).ShouldBe(200).As<PageOf<DeliveryView>>().Total.ShouldBe(2);
    }

    [Fact]
    public async Task the_version_a_delivery_returns_is_the_one_the_next_command_needs()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers()));
        var delivered = await api.Post($"/api/commitments/{commitment}/deliveries", new { period = ThisMonth, quantity = 1 }, "editor");

        var stale = await api.Post($"/api/commitments/{commitment}/owner", new { owner = "Grace", expectedVersion = delivered.Version - 1 }, "editor");
        var current = await api.Post($"/api/commitments/{commitment}/owner", new { owner = "Grace", expectedVersion = delivered.Version }, "editor");
        var staleDelivery = await api.Post($"/api/commitments/{commitment}/deliveries",
            new { period = ThisMonth, quantity = 1, expectedVersion = delivered.Version }, "editor");

        stale.ShouldBe(409).Body!["currentVersion"]!.GetValue<long>().ShouldBe(delivered.Version);
        current.ShouldBe(200).Version.ShouldBe(delivered.Version + 1);
        staleDelivery.ShouldBe(409).Body!["currentVersion"]!.GetValue<long>().ShouldBe(delivered.Version + 1);
        (await api.Get($"/api/commitments/{commitment}")).Body!["version"]!.GetValue<long>().ShouldBe(delivered.Version + 1);
    }

    [Fact]
    public async Task deliveries_racing_on_one_commitment_all_succeed_with_distinct_versions()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers()));
        var before = (await api.EventsOf(commitment)).Count;

        var replies = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            api.Post($"/api/commitments/{commitment}/deliveries", new { period = ThisMonth, quantity = i }, "editor")));

        replies.ShouldAllBe(r => r.Status == 201);
        replies.Select(r => r.Version).Order().ShouldBe(Enumerable.Range(before + 1, 8).Select(v => (long)v));
        (await api.EventsOf(commitment)).Count.ShouldBe(before + 8);
    }

    [Fact]
    public async Task a_commitment_another_node_closed_takes_no_delivery_even_while_this_node_remembers_it_open()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi();
        var commitment = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers()));
        (await api.Post($"/api/commitments/{commitment}/deliveries", new { period = ThisMonth, quantity = 1 }, "editor")).ShouldBe(201);

        // Another node withdraws it: a second store on the same database, which this node's cache never hears about.
        // Configured as the Api configures its store, so it keeps every inline read model as a real node would.
        using (var otherNode = DocumentStore.For(options =>
               {
                   LoiTracker.Api.Infrastructure.Persistence.Configure(options, TestDatabase.ConnectionString, api.Schema,
                       new LoiTracker.Api.Commitments.CommitmentCache());
                   options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
               }))
        await using (var session = otherNode.LightweightSession())
        {
            var stream = await session.Events.FetchForWriting<LoiTracker.Domain.Commitments.Commitment>(commitment);
            stream.AppendOne(new LoiTracker.Domain.Commitments.CommitmentWithdrawn("Withdrawn on the other node", null));
            await session.SaveChangesAsync();
        }
        var before = (await api.EventsOf(commitment)).Count;

        var reply = await api.Post($"/api/commitments/{commitment}/deliveries", new { period = ThisMonth, quantity = 1 }, "editor");

        reply.ShouldBe(422).Rule.ShouldBe("commitment-closed");
        (await api.EventsOf(commitment)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task a_delivery_that_breaks_a_rule_is_refused_and_writes_nothing()
    {
        var (supplier, buyer, loi) = await api.SignedSupplyLoi(sign: false);
        var proposed = await api.MakeCommitment(loi, Driving.Commitment(supplier, buyer, quantity: Driving.MonthlyWafers()));
        var (s2, b2, signed) = await api.SignedSupplyLoi();
        var active = await api.MakeCommitment(signed, Driving.Commitment(s2, b2, quantity: Driving.MonthlyWafers()));
        var noQuantity = await api.MakeCommitment(signed, Driving.Commitment(s2, b2, "datacenter-design"));
        var before = await api.EventCount();

        (await api.Post($"/api/commitments/{proposed}/deliveries", new { period = ThisMonth, quantity = 1 }, "editor"))
            .ShouldBe(422).Rule.ShouldBe("commitment-not-active");
        (await api.Post($"/api/commitments/{active}/deliveries", new { period = "March 2026", quantity = 1 }, "editor"))
            .ShouldBe(422).Title.ShouldBe("Deliveries against 'Memory supply' are counted per month: give a month, such as 2026-03");
        (await api.Post($"/api/commitments/{noQuantity}/deliveries", new { period = ThisMonth, quantity = 1 }, "editor"))
            .ShouldBe(422).Rule.ShouldBe("no-quantity");
        (await api.Post($"/api/commitments/{active}/deliveries", new { period = ThisMonth, quantity = 0 }, "editor"))
            .ShouldBe(400).ErrorsFor("quantity").ShouldNotBeEmpty();
        (await api.Post($"/api/commitments/{Guid.CreateVersion7()}/deliveries", new { period = ThisMonth, quantity = 1 }, "editor"))
            .ShouldBe(404);
        (await api.Post($"/api/commitments/{active}/deliveries", new { period = ThisMonth, quantity = 1 }, "viewer")).ShouldBe(403);
        (await api.EventCount()).ShouldBe(before);
    }
}
