using LoiTracker.Api.Access;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LoiTracker.Api.Tests.Access;

/// <summary>
/// Every route the Api serves, tried by a user scoped to Samsung SDS with every role (admin) against what lies outside
/// its scope: the memory supply between Samsung Electronics and OpenAI, an agreement between those two alone, a party on
/// no agreement SDS sees, a condition of that agreement. The routes come from the Api's endpoint data source: a route
/// added without a scoping rule, or without an entry here, fails (ADR 16).
/// </summary>
public sealed class when_every_route_is_tried_out_of_scope(ReferenceDealHost api) : IClassFixture<ReferenceDealHost>
{
    private sealed record World(Guid Memory, Guid MemoryMilestone, string MemoryDelivery, Guid StargateDependency, Guid Stargate,
        Guid HiddenAgreement, Guid HiddenParty, Guid HiddenCondition, Guid Sds, Guid Electronics, Guid OpenAi, Guid Design, Guid MemoryAlert)
    {
        /// <summary>Ids a scoped user must never be shown.</summary>
        public IEnumerable<Guid> Hidden => [Memory, MemoryMilestone, Stargate, HiddenAgreement, HiddenParty, HiddenCondition, MemoryAlert];
    }

    /// <summary>What a scoped user must get: the 404 of a missing id, a list without what is hidden, or a refusal (403/422).</summary>
    private enum Expect
    {
        NotFound,
        ListWithoutHidden,
        Refused,
        Catalogue,
        /// <summary>The user's own records (feed tokens): served, with nothing of the deal in them.</summary>
        Own
    }

    private sealed record Try(Expect Expect, Func<World, (string Url, object? Body)> Request);

    private static Try T(Expect expect, Func<World, (string, object?)> request) => new(expect, request);

    private static readonly Dictionary<string, Try> Routes = new()
    {
        ["GET /api/parties"] = T(Expect.ListWithoutHidden, _ => ("/api/parties?pageSize=500", null)),
        ["POST /api/parties"] = T(Expect.Refused, _ => ("/api/parties", new { name = $"Micron {Guid.NewGuid():N}" })),
        ["GET /api/parties/{id}"] = T(Expect.NotFound, w => ($"/api/parties/{w.HiddenParty}", null)),
        ["GET /api/parties/{id}/ledger"] = T(Expect.NotFound, w => ($"/api/parties/{w.HiddenParty}/ledger", null)),
        ["POST /api/parties/{id}/rename"] = T(Expect.NotFound, w => ($"/api/parties/{w.HiddenParty}/rename", new { name = $"Renamed {Guid.NewGuid():N}" })),
        ["POST /api/parties/{id}/group"] = T(Expect.NotFound, w => ($"/api/parties/{w.HiddenParty}/group", new { group = "Elsewhere" })),
        ["GET /api/agreements"] = T(Expect.ListWithoutHidden, _ => ("/api/agreements?pageSize=500", null)),
        ["POST /api/agreements"] = T(Expect.Refused, w => ("/api/agreements", new
        {
            title = "Memory MOU", kind = "MemorandumOfUnderstanding", source = Driving.PublicAnnouncement,
            parties = new[] { new { partyId = w.Electronics, role = "Signatory" }, new { partyId = w.HiddenParty, role = "Signatory" } }
        })),
        ["GET /api/agreements/{id}"] = T(Expect.NotFound, w => ($"/api/agreements/{w.HiddenAgreement}", null)),
        ["POST /api/agreements/{id}/parties"] = T(Expect.NotFound, w => ($"/api/agreements/{w.HiddenAgreement}/parties", new { partyId = w.Sds, role = "Guarantor" })),
        ["POST /api/agreements/{id}/provisions"] = T(Expect.NotFound, w => ($"/api/agreements/{w.HiddenAgreement}/provisions", new { @ref = "§9", heading = "H", text = "T", binding = false })),
        ["POST /api/agreements/{id}/key-dates"] = T(Expect.NotFound, w => ($"/api/agreements/{w.HiddenAgreement}/key-dates", new { kind = "Expiry", date = "2027-12-31" })),
        ["POST /api/agreements/{id}/sign"] = T(Expect.NotFound, w => ($"/api/agreements/{w.HiddenAgreement}/sign",
            new { signatures = new[] { new { partyId = w.Electronics, signedOn = "2026-02-01", signatoryName = "J. Lee" } } })),
        ["POST /api/agreements/{id}/supersede"] = T(Expect.NotFound, w => ($"/api/agreements/{w.HiddenAgreement}/supersede", new { byAgreementIds = new[] { w.HiddenAgreement }, reason = "r" })),
        ["POST /api/agreements/{id}/terminate"] = T(Expect.NotFound, w => ($"/api/agreements/{w.HiddenAgreement}/terminate", new { on = "2026-02-01", reason = "r" })),
        ["POST /api/agreements/{id}/abandon"] = T(Expect.NotFound, w => ($"/api/agreements/{w.HiddenAgreement}/abandon", new { reason = "r" })),
        ["POST /api/agreements/{id}/notes"] = T(Expect.NotFound, w => ($"/api/agreements/{w.HiddenAgreement}/notes", new { text = "Peeking" })),
        ["POST /api/agreements/{id}/commitments"] = T(Expect.NotFound, w => ($"/api/agreements/{w.HiddenAgreement}/commitments", Driving.Commitment(w.Electronics, w.OpenAi))),
        ["GET /api/commitments"] = T(Expect.ListWithoutHidden, _ => ("/api/commitments?pageSize=500", null)),
        ["GET /api/commitments/export.csv"] = T(Expect.ListWithoutHidden, _ => ("/api/commitments/export.csv", null)),
        ["GET /api/commitments/{id}"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}", null)),
        ["GET /api/commitments/{id}/deliveries"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/deliveries", null)),
        ["GET /api/commitments/{id}/deliveries/{deliveryId}"] = T(Expect.NotFound, w => (w.MemoryDelivery, null)),
        ["POST /api/commitments/{id}/deliveries"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/deliveries", new { period = "2026-03", quantity = 1 })),
        ["POST /api/commitments/{id}/milestones"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/milestones", new { title = "M", dueOn = "2026-12-31", ownerPartyId = w.Electronics })),
        ["POST /api/commitments/{id}/milestones/{milestoneId}/reschedule"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/milestones/{w.MemoryMilestone}/reschedule", new { dueOn = "2027-01-31", reason = "r" })),
        ["POST /api/commitments/{id}/milestones/{milestoneId}/complete"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/milestones/{w.MemoryMilestone}/complete", new { completedOn = "2026-02-27" })),
        ["POST /api/commitments/{id}/milestones/{milestoneId}/assignee"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/milestones/{w.MemoryMilestone}/assignee", new { assignee = "Kim" })),
        ["POST /api/commitments/{id}/dependencies"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/dependencies", new { dependsOnCommitmentId = w.Design })),
        ["DELETE /api/commitments/{id}/dependencies/{dependencyId}"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Stargate}/dependencies/{w.StargateDependency}?reason=r", null)),
        ["POST /api/commitments/{id}/conditions"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/conditions", new { conditionId = w.HiddenCondition })),
        ["POST /api/commitments/{id}/owner"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/owner", new { owner = "Kim" })),
        ["POST /api/commitments/{id}/fulfill"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/fulfill", new { })),
        ["POST /api/commitments/{id}/notes"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/notes", new { text = "Peeking" })),
        ["POST /api/commitments/{id}/notice-breach"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/notice-breach", new { cureBy = "2099-01-01", reason = "Late" })),
        ["POST /api/commitments/{id}/cure"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/cure", new { })),
        ["POST /api/commitments/{id}/confirm-breach"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/confirm-breach", new { })),
        ["POST /api/commitments/{id}/not-performed"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/not-performed", new { reason = "r" })),
        ["POST /api/commitments/{id}/waive"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/waive", new { reason = "r" })),
        ["POST /api/commitments/{id}/withdraw"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/withdraw", new { reason = "r" })),
        ["POST /api/commitments/{id}/carry-forward"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/carry-forward", new { toAgreementId = w.HiddenAgreement })),
        ["GET /api/conditions"] = T(Expect.ListWithoutHidden, _ => ("/api/conditions?pageSize=500", null)),
        ["POST /api/conditions"] = T(Expect.Refused, w => ("/api/conditions", new { title = "Board vote", kind = "BoardApproval", agreementId = w.HiddenAgreement })),
        ["GET /api/conditions/{id}"] = T(Expect.NotFound, w => ($"/api/conditions/{w.HiddenCondition}", null)),
        ["POST /api/conditions/{id}/satisfy"] = T(Expect.NotFound, w => ($"/api/conditions/{w.HiddenCondition}/satisfy", new { })),
        ["POST /api/conditions/{id}/fail"] = T(Expect.NotFound, w => ($"/api/conditions/{w.HiddenCondition}/fail", new { reason = "r" })),
        ["GET /api/milestones"] = T(Expect.ListWithoutHidden, _ => ("/api/milestones?pageSize=500", null)),
        ["GET /api/milestones/{id}"] = T(Expect.NotFound, w => ($"/api/milestones/{w.MemoryMilestone}", null)),
        ["GET /api/workstreams"] = T(Expect.Catalogue, _ => ("/api/workstreams", null)),
        ["GET /api/risk"] = T(Expect.ListWithoutHidden, _ => ("/api/risk?pageSize=500", null)),
        ["GET /api/risk/graph"] = T(Expect.NotFound, w => ($"/api/risk/graph?root={w.Memory}", null)),
        ["GET /api/risk/impact"] = T(Expect.NotFound, w => ($"/api/risk/impact?milestone={w.MemoryMilestone}&slipDays=30", null)),
        ["POST /api/import"] = T(Expect.Refused, w => ("/api/import", new { parties = new[] { new { key = "micron", name = "Micron" } } })),
        ["PUT /api/users/{subject}/scope"] = T(Expect.Refused, w => ("/api/users/someone/scope", new { parties = new[] { w.HiddenParty }, reason = "r" })),
        ["DELETE /api/users/{subject}/scope"] = T(Expect.Refused, _ => ("/api/users/someone/scope?reason=r", null)),
        ["GET /api/users/{subject}/scope"] = T(Expect.Refused, _ => ("/api/users/someone/scope", null)),
        ["GET /api/audit/reads"] = T(Expect.Refused, _ => ("/api/audit/reads", null)),
        ["GET /api/audit"] = T(Expect.Refused, _ => ("/api/audit", null)),
        ["GET /api/audit/export"] = T(Expect.Refused, _ => ("/api/audit/export", null)),
        ["GET /api/audit/verify"] = T(Expect.Refused, _ => ("/api/audit/verify", null)),
        ["GET /api/audit/public-key"] = T(Expect.Catalogue, _ => ("/api/audit/public-key", null)),
        ["GET /api/overview"] = T(Expect.ListWithoutHidden, _ => ("/api/overview", null)),
        ["GET /api/changes"] = T(Expect.ListWithoutHidden, _ => ("/api/changes?since=2000-01-01T00:00:00Z&pageSize=500", null)),
        ["GET /api/parties/{id}/history"] = T(Expect.NotFound, w => ($"/api/parties/{w.HiddenParty}/history", null)),
        ["GET /api/agreements/{id}/history"] = T(Expect.NotFound, w => ($"/api/agreements/{w.HiddenAgreement}/history", null)),
        ["GET /api/commitments/{id}/history"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/history", null)),
        ["GET /api/agreements/{id}/diff"] = T(Expect.NotFound, w => ($"/api/agreements/{w.HiddenAgreement}/diff?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z", null)),
        ["GET /api/commitments/{id}/diff"] = T(Expect.NotFound, w => ($"/api/commitments/{w.Memory}/diff?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z", null)),
        ["GET /api/alerts"] = T(Expect.ListWithoutHidden, _ => ("/api/alerts?pageSize=500", null)),
        ["POST /api/alerts/{id}/acknowledge"] = T(Expect.NotFound, w => ($"/api/alerts/{w.MemoryAlert}/acknowledge", new { note = "Peeking" })),
        ["GET /api/calendar.ics"] = T(Expect.ListWithoutHidden, _ => ("/api/calendar.ics", null)),
        ["POST /api/me/feed-tokens"] = T(Expect.Own, _ => ("/api/me/feed-tokens", new { name = "Outlook" })),
        ["GET /api/me/feed-tokens"] = T(Expect.ListWithoutHidden, _ => ("/api/me/feed-tokens", null)),
        ["DELETE /api/me/feed-tokens/{id}"] = T(Expect.NotFound, _ => ($"/api/me/feed-tokens/{Guid.NewGuid()}", null)),
    };

    private World? _world;

    private async Task<World> TheWorld()
    {
        if (_world is not null) return _world;
        var electronics = await api.Party("Samsung Electronics");
        var openAi = await api.Party("OpenAI");
        var memory = await api.Commitment("memory-supply");
        var stargate = await api.Commitment("other");
        var hiddenParty = await api.RegisterParty($"Micron {Guid.NewGuid():N}");
        var hiddenAgreement = await api.DraftAgreement("Memory supply side letter", [(electronics, "Signatory"), (openAi, "Signatory")]);
        var hiddenCondition = (await api.Post("/api/conditions", new { title = "Fab expansion approved", kind = "BoardApproval", agreementId = hiddenAgreement }))
            .ShouldBe(201).Id;
        var memoryView = await api.Get($"/api/commitments/{memory}");
        var milestone = memoryView.Body!["milestones"]!.AsArray().First()!["id"]!.GetValue<Guid>();
        var delivery = (await api.Post($"/api/commitments/{memory}/deliveries", new { period = "2026-02", quantity = 5 }, "editor")).ShouldBe(201).Location!;
        var dependency = (await api.Get($"/api/commitments/{stargate}")).Body!["dependencies"]!.AsArray().First()!["id"]!.GetValue<Guid>();
        await api.AuditCaughtUp();
        // Every dated milestone overdue by 2100: the sweep raises their alerts, one of them on the memory supply.
        await api.WaitForProjections();
        await LoiTracker.Api.Alerts.AlertSweep.Run(api.Store, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        Guid memoryAlert;
        await using (var session = api.Store.QuerySession())
            memoryAlert = (await Marten.QueryableExtensions.ToListAsync(session.Query<LoiTracker.Projections.Alerts.AlertView>().Where(a => a.CommitmentId == memory))).First().Id;
        return _world = new World(memory, milestone, delivery, dependency, stargate, hiddenAgreement, hiddenParty, hiddenCondition,
            await api.Party("Samsung SDS"), electronics, openAi, await api.Commitment("datacenter-design"), memoryAlert);
    }

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
    [
        .. api.Host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/"))
    ];

    [Fact]
    public void every_route_has_a_scoping_rule()
    {
        Endpoints().Where(e => ScopeGate.RuleFor(e) is null).Select(e => e.RoutePattern.RawText).ShouldBeEmpty("routes with no scoping rule (ADR 16)");
    }

    [Fact]
    public void every_route_the_api_serves_is_tried_here()
    {
        var served = api.Routes().Where(r => r.Pattern.StartsWith("/api/")).Select(r => r.ToString()).ToHashSet();

        served.Except(Routes.Keys).ShouldBeEmpty("routes the Api serves without an out-of-scope try in this test");
        Routes.Keys.Except(served).ShouldBeEmpty("tries for routes the Api does not serve");
    }

    public static TheoryData<string> EveryRoute() => [.. Routes.Keys];

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task a_user_scoped_to_samsung_sds_gets_nothing_outside_it(string route)
    {
        var world = await TheWorld();
        var (url, body) = Routes[route].Request(world);
        var method = new HttpMethod(route.Split(' ')[0]);
        var token = TestTokens.Scoped("admin", $"sds-admin-{Guid.NewGuid():N}", parties: [world.Sds]);
        var before = await api.EventCount();

        var reply = await api.Send(method, url, body, role: null, token: token);

        switch (Routes[route].Expect)
        {
            case Expect.NotFound:
                reply.ShouldBe(404);
                break;
            case Expect.ListWithoutHidden:
                reply.ShouldBe(200);
                foreach (var hidden in world.Hidden) reply.Text.ShouldNotContain(hidden.ToString(), customMessage: route);
                reply.Text.ShouldNotContain("memory-supply", customMessage: route);
                break;
            case Expect.Refused:
                reply.Status.ShouldBeOneOf(403, 422);
                // An id the request itself named may be echoed ("Agreement … does not exist", as for any unknown id); no other.
                var asked = url + System.Text.Json.JsonSerializer.Serialize(body);
                foreach (var hidden in world.Hidden.Where(h => !asked.Contains(h.ToString())))
                    reply.Text.ShouldNotContain(hidden.ToString(), customMessage: route);
                break;
            case Expect.Catalogue:
                reply.ShouldBe(200);
                break;
            case Expect.Own:
                reply.Status.ShouldBeOneOf(200, 201);
                foreach (var hidden in world.Hidden) reply.Text.ShouldNotContain(hidden.ToString(), customMessage: route);
                break;
        }
        (await api.EventCount()).ShouldBe(before, route);
    }
}
