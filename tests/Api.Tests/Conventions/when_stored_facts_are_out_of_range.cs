using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Conditions;

namespace LoiTracker.Api.Tests.Conventions;

/// <summary>
/// No stored fact can break a read: dates at the edges of the calendar, written straight into the event store as an
/// older version or another tool might have, are read by every route without a 5xx. New writes refuse them (400).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class when_stored_facts_are_out_of_range(ApiHost api) : ApiWithActiveCommitment(api)
{
    [Fact]
    public async Task every_read_route_answers_whatever_dates_the_store_holds()
    {
        var condition = await Api.RecordCondition("Extension agreed");
        var milestone = (await Api.Post($"/api/commitments/{Commitment}/milestones",
            new { title = "Allocation", dueOn = "2026-06-30", ownerPartyId = Supplier }, "editor")).ShouldBe(201).Id;
        await using (var session = Api.Store.LightweightSession())
        {
            var agreement = await session.Events.FetchForWriting<Agreement>(Loi);
            agreement.AppendMany(new KeyDateSet(Loi, new KeyDate(KeyDateKind.Expiry, DateOnly.MaxValue, null), null),
                new KeyDateSet(Loi, new KeyDate(KeyDateKind.LongStop, DateOnly.MinValue, null), null));
            var commitment = await session.Events.FetchForWriting<Commitment>(Commitment);
            commitment.AppendMany(
                new MilestonePlanned(Guid.CreateVersion7(), "At the end of time", DateOnly.MaxValue, null, Supplier, null, [], false),
                new MilestonePlanned(Guid.CreateVersion7(), "At the start of time", DateOnly.MinValue, null, Supplier, null, [], false),
                new MilestonePlanned(Guid.CreateVersion7(), "Long after", null, new RelativeDue(int.MaxValue, new DueAnchor(milestone, null, false)),
                    Supplier, null, [], false),
                new MilestoneRescheduled(milestone, DateOnly.MaxValue, new DateOnly(2026, 6, 30), "Far away"),
                new BreachNoticed(DateOnly.MinValue, "Stored by an older tool", null));
            var settled = await session.Events.FetchForWriting<Condition>(condition);
            settled.AppendOne(new ConditionSatisfied(condition, DateOnly.MaxValue, null, null));
            session.Events.StartStream<Condition>(Guid.CreateVersion7(),
                new ConditionRecorded(Guid.CreateVersion7(), "Old condition", ConditionKind.Other, DateOnly.MinValue, null, "Not/AZone"));
            await session.SaveChangesAsync();
        }
        await Api.WaitForProjections();
        var ids = new Dictionary<string, string>
        {
            ["/api/agreements/{id}"] = $"/api/agreements/{Loi}", ["/api/commitments/{id}"] = $"/api/commitments/{Commitment}",
            ["/api/commitments/{id}/deliveries"] = $"/api/commitments/{Commitment}/deliveries",
            ["/api/parties/{id}"] = $"/api/parties/{Supplier}", ["/api/parties/{id}/ledger"] = $"/api/parties/{Supplier}/ledger",
            ["/api/conditions/{id}"] = $"/api/conditions/{condition}", ["/api/milestones/{id}"] = $"/api/milestones/{milestone}",
        };

        foreach (var route in Api.Routes().Where(r => r.Method == "GET" && r.Pattern.StartsWith("/api/")))
        {
            if (route.Pattern.Contains('{') && !ids.ContainsKey(route.Pattern)) continue;
            var url = ids.GetValueOrDefault(route.Pattern, route.Pattern);
            foreach (var query in new[] { "", "?pageSize=500" })
            {
                if (query.Length > 0 && route.Pattern.Contains('{') && !route.Pattern.EndsWith("deliveries")) continue;
                var reply = await Api.Get(url + query);
                reply.Status.ShouldBeLessThan(500, $"{route}: {reply.Text}");
            }
        }
        (await Api.Get($"/api/milestones?party={Supplier}&state=overdue")).ShouldBe(200);
        (await Api.Get($"/api/commitments/export.csv?agreement={Loi}")).ShouldBe(200);
    }

    [Fact]
    public async Task a_new_date_outside_1900_to_2199_is_refused_naming_the_field()
    {
        var before = await Api.EventCount();

        (await Api.Post($"/api/agreements/{Loi}/key-dates", new { kind = "Expiry", date = "9999-12-31" })).ShouldBe(400)
            .ErrorsFor("date").ShouldBe(["Use a date between 1900-01-01 and 2199-12-31."]);
        (await Api.Post($"/api/commitments/{Commitment}/milestones", new { title = "M", dueOn = "1899-12-31", ownerPartyId = Supplier }, "editor"))
            .ShouldBe(400).ErrorsFor("dueOn").ShouldNotBeEmpty();
        (await Api.Post("/api/conditions", new { title = "C", kind = "Other", expectedBy = "2200-01-01" }, "editor")).ShouldBe(400)
            .ErrorsFor("expectedBy").ShouldNotBeEmpty();
        (await Api.Get("/api/milestones?from=0001-01-01")).ShouldBe(400).ErrorsFor("from").ShouldNotBeEmpty();
        (await Api.Post("/api/import", new
        {
            conditions = new[] { new { key = "late", title = "Late", kind = "Other", expectedBy = "9999-12-31" } }
        })).ShouldBe(400).ErrorsFor("conditions[0].expectedBy").ShouldNotBeEmpty();
        (await Api.EventCount()).ShouldBe(before);
    }
}
