using System.Text.Json.Nodes;
using LoiTracker.Api.Alerts;
using LoiTracker.Domain.Alerts;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Alerts;
using Marten;

namespace LoiTracker.Api.Tests.Alerts;

/// <summary>
/// Milestone alerts on the reference deal, as a partnership team relying on them sees them (issue 12, ADR 19): the
/// 7-day alert opens at D-7 in Seoul and not a day before; a reschedule withdraws it and raises the one for the new
/// date; completion resolves what is left; acknowledging is recorded once; every alert is raised once, however many
/// sweeps run, on however many nodes, before and after a restart. Business time moves by the instant given to the
/// sweep, never by waiting.
/// </summary>
public sealed class when_milestones_fall_due(ReferenceDealHost api) : IClassFixture<ReferenceDealHost>
{
    private const string Seoul = "Asia/Seoul";

    private async Task<JsonNode> Concept()
    {
        var datacenters = await api.Commitment("floating-datacenter");
        return (await api.Get($"/api/commitments/{datacenters}")).Body!["milestones"]!.AsArray()
            .Single(m => m!["title"]!.GetValue<string>().Contains("concept", StringComparison.OrdinalIgnoreCase))!;
    }

    private async Task<List<JsonNode>> AlertsFor(Guid item, string? state = null) =>
        [.. (await api.Get($"/api/alerts?pageSize=500{(state is null ? "" : $"&state={state}")}")).ShouldBe(200).Body!["items"]!.AsArray()
            .Where(a => a!["itemId"]!.GetValue<Guid>() == item).Select(a => a!)];

    private Task<SweepOutcome> Sweep(DateTimeOffset at) => AlertSweep.Run(api.Store, at, CancellationToken.None);

    private async Task<int> RaisedEventsFor(Guid item)
    {
        await using var session = api.Store.QuerySession();
        var alerts = await session.Query<AlertView>().Where(a => a.ItemId == item).Select(a => a.Id).ToListAsync();
        var raised = 0;
        foreach (var id in alerts) raised += (await session.Events.FetchStreamAsync(id)).Count(e => e.Data is AlertRaised);
        return raised;
    }

    [Fact]
    public async Task the_seven_day_alert_opens_at_d_minus_7_moves_with_a_reschedule_and_completion_resolves_it()
    {
        var concept = await Concept();
        var id = concept["id"]!.GetValue<Guid>();
        var due = DateOnly.Parse(concept["dueOn"]!.GetValue<string>());
        var sevenDaysBefore = AlertRules.OpensAt(due, 7, Seoul);

        await Sweep(sevenDaysBefore.AddMinutes(-1));
        var before = await AlertsFor(id, "open");
        before.ShouldNotContain(a => a["leadDays"] != null && a["leadDays"]!.GetValue<int>() == 7);

        await Sweep(sevenDaysBefore);
        var seven = (await AlertsFor(id, "open")).ShouldHaveSingleItem();
        seven["rule"]!.GetValue<string>().ShouldBe("due-soon");
        seven["leadDays"]!.GetValue<int>().ShouldBe(7);
        seven["whatToDo"]!.GetValue<string>().ShouldContain(due.ToString("yyyy-MM-dd"));
        seven["commitmentId"]!.GetValue<Guid>().ShouldBe(await api.Commitment("floating-datacenter"));
        (await AlertsFor(id, "resolved")).ShouldAllBe(a => a["resolvedReason"]!.GetValue<string>() == "superseded by the 7-day alert");

        // The same instant swept again raises nothing.
        (await Sweep(sevenDaysBefore)).Raised.ShouldBe(0);

        // Acknowledged once, by whom it says; a second time is refused and writes nothing.
        var alertId = seven["id"]!.GetValue<Guid>();
        (await api.Post($"/api/alerts/{alertId}/acknowledge", new { note = "On it" }, "viewer")).ShouldBe(403);
        (await api.Post($"/api/alerts/{alertId}/acknowledge", new { note = "On it" }, "editor")).ShouldBe(200);
        var events = await api.EventCount();
        (await api.Post($"/api/alerts/{alertId}/acknowledge", new { }, "editor")).ShouldBe(422).Rule.ShouldBe("alert-already-acknowledged");
        (await api.EventCount()).ShouldBe(events);
        var acknowledged = (await AlertsFor(id, "acknowledged")).ShouldHaveSingleItem();
        acknowledged["acknowledgedBy"]!.GetValue<string>().ShouldBe("Editor User");

        // A reschedule withdraws it and raises the alert for the new date (27 days ahead: the 30-day one).
        var datacenters = await api.Commitment("floating-datacenter");
        (await api.Post($"/api/commitments/{datacenters}/milestones/{id}/reschedule",
            new { dueOn = due.AddDays(20).ToString("yyyy-MM-dd"), reason = "Hull design review moved" }, "editor")).ShouldBe(200);
        await api.WaitForProjections();
        var outcome = await Sweep(sevenDaysBefore.AddHours(1));
        outcome.Raised.ShouldBe(1);
        var withdrawn = (await AlertsFor(id, "resolved")).Single(a => a["id"]!.GetValue<Guid>() == alertId);
        withdrawn["resolvedReason"]!.GetValue<string>().ShouldBe("withdrawn: rescheduled");
        var moved = (await AlertsFor(id, "open")).ShouldHaveSingleItem();
        moved["leadDays"]!.GetValue<int>().ShouldBe(30);
        moved["dueOn"]!.GetValue<string>().ShouldBe(due.AddDays(20).ToString("yyyy-MM-dd"));

        // Completion resolves what is left.
        (await api.Post($"/api/commitments/{datacenters}/milestones/{id}/complete", new { completedOn = "2026-03-01" }, "editor")).ShouldBe(200);
        await api.WaitForProjections();
        await Sweep(sevenDaysBefore.AddHours(2));
        (await AlertsFor(id, "open")).ShouldBeEmpty();
        (await AlertsFor(id, "resolved")).Single(a => a["id"]!.GetValue<Guid>() == moved["id"]!.GetValue<Guid>())["resolvedReason"]!
            .GetValue<string>().ShouldBe("resolved: completed");
        (await RaisedEventsFor(id)).ShouldBe((await AlertsFor(id)).Count);
    }

    [Fact]
    public async Task an_overdue_milestone_is_raised_once_across_sweeps_on_two_nodes_and_a_restart()
    {
        var power = await api.Commitment("datacenter-design");
        var study = (await api.Get($"/api/commitments/{power}")).Body!["milestones"]!.AsArray()
            .First(m => m!["dueOn"] is not null && m["completedOn"] is null)!;
        var id = study["id"]!.GetValue<Guid>();
        var due = DateOnly.Parse(study["dueOn"]!.GetValue<string>());
        var overdueAt = BusinessCalendar.FallsDueAt(due, Seoul);

        // Another node: a second store on the same database, configured as the Api configures its own.
        using var otherNode = DocumentStore.For(options =>
        {
            LoiTracker.Api.Infrastructure.Persistence.Configure(options, TestDatabase.ConnectionString, api.Schema, new LoiTracker.Api.Commitments.CommitmentCache());
            options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        });
        // Both nodes sweep at once, again and again; the Api "restarts" (a fresh store) and sweeps after the instant passed.
        await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[]
        {
            Task.Run(() => AlertSweep.Run(api.Store, overdueAt.AddMinutes(5), CancellationToken.None)),
            Task.Run(() => AlertSweep.Run(otherNode, overdueAt.AddMinutes(5), CancellationToken.None))
        }));
        await Sweep(overdueAt.AddDays(3));
        await AlertSweep.Run(otherNode, overdueAt.AddDays(3), CancellationToken.None);

        var overdue = (await AlertsFor(id, "open")).ShouldHaveSingleItem();
        overdue["rule"]!.GetValue<string>().ShouldBe("overdue");
        (await RaisedEventsFor(id)).ShouldBe((await AlertsFor(id)).Count);
    }

    [Fact]
    public async Task the_inbox_refuses_a_state_it_does_not_know_and_an_unknown_alert_is_not_found()
    {
        (await api.Get("/api/alerts?state=snoozed")).ShouldBe(400).ErrorsFor("state").ShouldNotBeEmpty();
        (await api.Post($"/api/alerts/{Guid.NewGuid()}/acknowledge", new { }, "editor")).ShouldBe(404);
    }
}
