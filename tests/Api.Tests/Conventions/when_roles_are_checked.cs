using LoiTracker.Api.Auth;

namespace LoiTracker.Api.Tests.Conventions;

/// <summary>
/// api.md's role table, route by route. The routes come from the Api's own endpoint data source, so a route added
/// without an entry here fails <see cref="every_route_the_api_serves_is_in_the_table"/>. A role the table does not list
/// gets 403 and writes nothing; a role it lists gets past authorization (whatever the rules then say).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class when_roles_are_checked(ApiHost api)
{
    private sealed record World(Guid OpenAi, Guid Samsung, Guid Draft, Guid Signed, Guid Binding, Guid NonBinding, Guid Condition,
        Guid Milestone, Guid Dependency, string Delivery, Guid Alert);

    private sealed record Case(string Name, string Action, Func<World, (string Url, object? Body)> Request);

    private static Case C(string name, string action, Func<World, (string, object?)> request) => new(name, action, request);

    /// <summary>Every command route, with the action its role must allow (some routes take two, by what the body asks).</summary>
    private static readonly Dictionary<string, Case[]> Commands = new()
    {
        ["POST /api/parties"] = [C("register a party", Can.RegisterParties, _ => ("/api/parties", new { name = $"Nvidia {Guid.NewGuid():N}" }))],
        ["POST /api/parties/{id}/rename"] = [C("rename a party", Can.RegisterParties, w => ($"/api/parties/{w.OpenAi}/rename", new { name = $"OpenAI OpCo {Guid.NewGuid():N}" }))],
        ["POST /api/parties/{id}/group"] = [C("move a party to a group", Can.RegisterParties, w => ($"/api/parties/{w.OpenAi}/group", new { group = "OpenAI Group" }))],
        ["POST /api/agreements"] =
        [
            C("draft an agreement", Can.DraftAgreements, w => ("/api/agreements", new
            {
                title = "MOU", kind = "MemorandumOfUnderstanding", source = Driving.PublicAnnouncement,
                parties = new[] { new { partyId = w.OpenAi, role = "Signatory" } }
            })),
            C("draft an amendment", Can.Amend, w => ("/api/agreements", new
            {
                title = "Amendment 1", kind = "Amendment", parentAgreementId = w.Signed, source = Driving.PublicAnnouncement,
                parties = new[] { new { partyId = w.OpenAi, role = "Signatory" } }
            }))
        ],
        ["POST /api/agreements/{id}/parties"] = [C("add a party to an agreement", Can.DraftAgreements, w => ($"/api/agreements/{w.Draft}/parties", new { partyId = w.Samsung, role = "Guarantor" }))],
        ["POST /api/agreements/{id}/provisions"] = [C("record a provision", Can.RecordProvisions, w => ($"/api/agreements/{w.Draft}/provisions", new { @ref = "§1", heading = "H", text = "T", binding = false }))],
        ["POST /api/agreements/{id}/key-dates"] = [C("set a key date", Can.SetKeyDates, w => ($"/api/agreements/{w.Draft}/key-dates", new { kind = "Expiry", date = "2026-12-31" }))],
        ["POST /api/agreements/{id}/sign"] = [C("sign", Can.Sign, w => ($"/api/agreements/{w.Draft}/sign", new
        {
            signatures = new[] { new { partyId = w.OpenAi, signedOn = "2025-10-01", signatoryName = "Sam Altman" } }
        }))],
        ["POST /api/agreements/{id}/supersede"] = [C("supersede", Can.Supersede, w => ($"/api/agreements/{w.Signed}/supersede", new { byAgreementIds = new[] { w.Signed }, reason = "r" }))],
        ["POST /api/agreements/{id}/terminate"] = [C("terminate", Can.Terminate, w => ($"/api/agreements/{w.Signed}/terminate", new { on = "2026-01-01", reason = "r" }))],
        ["POST /api/agreements/{id}/abandon"] = [C("abandon", Can.Abandon, w => ($"/api/agreements/{w.Draft}/abandon", new { reason = "r" }))],
        ["POST /api/agreements/{id}/notes"] =
        [
            C("add a note", Can.AddNotes, w => ($"/api/agreements/{w.Draft}/notes", new { text = "Call Seoul on Monday" })),
            C("add a privileged note", Can.AddPrivilegedNotes, w => ($"/api/agreements/{w.Draft}/notes", new { text = "Advice", privileged = true }))
        ],
        ["POST /api/agreements/{id}/commitments"] = [C("make a commitment", Can.MakeCommitments, w => ($"/api/agreements/{w.Signed}/commitments", Driving.Commitment(w.Samsung, w.OpenAi)))],
        ["POST /api/commitments/{id}/deliveries"] = [C("record a delivery", Can.RecordDeliveries, w => ($"/api/commitments/{w.NonBinding}/deliveries", new { period = "2026-03", quantity = 10 }))],
        ["POST /api/commitments/{id}/milestones"] = [C("plan a milestone", Can.PlanMilestones, w => ($"/api/commitments/{w.NonBinding}/milestones", new { title = "M", dueOn = "2026-12-31", ownerPartyId = w.Samsung }))],
        ["POST /api/commitments/{id}/milestones/{milestoneId}/reschedule"] = [C("reschedule a milestone", Can.PlanMilestones, w => ($"/api/commitments/{w.NonBinding}/milestones/{w.Milestone}/reschedule", new { dueOn = "2027-01-31", reason = "Supplier delay" }))],
        ["POST /api/commitments/{id}/milestones/{milestoneId}/complete"] = [C("complete a milestone", Can.PlanMilestones, w => ($"/api/commitments/{w.NonBinding}/milestones/{w.Milestone}/complete", new { completedOn = "2026-02-27" }))],
        ["POST /api/commitments/{id}/milestones/{milestoneId}/assignee"] = [C("assign a milestone", Can.PlanMilestones, w => ($"/api/commitments/{w.NonBinding}/milestones/{w.Milestone}/assignee", new { assignee = "Grace" }))],
        ["POST /api/commitments/{id}/dependencies"] = [C("declare a dependency", Can.DeclareDependencies, w => ($"/api/commitments/{w.NonBinding}/dependencies", new { dependsOnCommitmentId = w.Binding }))],
        ["DELETE /api/commitments/{id}/dependencies/{dependencyId}"] = [C("remove a dependency", Can.DeclareDependencies, w => ($"/api/commitments/{w.Binding}/dependencies/{w.Dependency}?reason=No%20longer%20needed", null))],
        ["POST /api/commitments/{id}/conditions"] = [C("link a condition", Can.RecordConditions, w => ($"/api/commitments/{w.NonBinding}/conditions", new { conditionId = w.Condition }))],
        ["POST /api/conditions"] = [C("record a condition", Can.RecordConditions, _ => ("/api/conditions", new { title = "Board vote", kind = "BoardApproval" }))],
        ["POST /api/conditions/{id}/satisfy"] = [C("satisfy a condition", Can.RecordConditions, w => ($"/api/conditions/{w.Condition}/satisfy", new { }))],
        ["POST /api/conditions/{id}/fail"] = [C("fail a condition", Can.RecordConditions, w => ($"/api/conditions/{w.Condition}/fail", new { reason = "Board said no" }))],
        ["POST /api/commitments/{id}/owner"] = [C("assign an owner", Can.AssignOwners, w => ($"/api/commitments/{w.NonBinding}/owner", new { owner = "Grace" }))],
        ["POST /api/commitments/{id}/fulfill"] = [C("fulfil", Can.Fulfil, w => ($"/api/commitments/{w.NonBinding}/fulfill", new { }))],
        ["POST /api/commitments/{id}/notes"] =
        [
            C("add a note to a commitment", Can.AddNotes, w => ($"/api/commitments/{w.NonBinding}/notes", new { text = "Call Seoul" })),
            C("add a privileged note to a commitment", Can.AddPrivilegedNotes, w => ($"/api/commitments/{w.NonBinding}/notes", new { text = "Advice", privileged = true }))
        ],
        ["POST /api/commitments/{id}/notice-breach"] = [C("notice a breach", Can.NoticeBreach, w => ($"/api/commitments/{w.Binding}/notice-breach", new { cureBy = "2099-01-01", reason = "Late" }))],
        ["POST /api/commitments/{id}/cure"] = [C("cure a breach", Can.CureBreach, w => ($"/api/commitments/{w.Binding}/cure", new { }))],
        ["POST /api/commitments/{id}/confirm-breach"] = [C("confirm a breach", Can.ConfirmBreach, w => ($"/api/commitments/{w.Binding}/confirm-breach", new { }))],
        ["POST /api/commitments/{id}/not-performed"] = [C("record not performed", Can.RecordNotPerformed, w => ($"/api/commitments/{w.NonBinding}/not-performed", new { reason = "r" }))],
        ["POST /api/commitments/{id}/waive"] = [C("waive", Can.Waive, w => ($"/api/commitments/{w.NonBinding}/waive", new { reason = "r" }))],
        ["POST /api/commitments/{id}/withdraw"] = [C("withdraw", Can.Withdraw, w => ($"/api/commitments/{w.NonBinding}/withdraw", new { reason = "r" }))],
        ["POST /api/commitments/{id}/carry-forward"] = [C("carry forward", Can.CarryForward, w => ($"/api/commitments/{w.NonBinding}/carry-forward", new { toAgreementId = w.Draft }))],
        ["POST /api/import"] = [C("import", Can.Import, _ => ("/api/import", new { parties = new[] { new { key = $"p-{Guid.NewGuid():N}", name = $"Imported {Guid.NewGuid():N}" } } }))],
        ["PUT /api/users/{subject}/scope"] = [C("limit a user to parties", Can.ManageScopes, w => ($"/api/users/counsel-{Guid.NewGuid():N}/scope",
            new { parties = new[] { w.OpenAi }, reason = "Outside counsel on the OpenAI matter" }))],
        ["POST /api/alerts/{id}/acknowledge"] = [C("acknowledge an alert", Can.AcknowledgeAlerts, w => ($"/api/alerts/{w.Alert}/acknowledge", new { note = "On it" }))],
        ["DELETE /api/users/{subject}/scope"] = [C("lift a user's limit", Can.ManageScopes, _ => ($"/api/users/counsel-{Guid.NewGuid():N}/scope?reason=Matter%20closed", null))],
        ["POST /api/me/feed-tokens"] = [C("create a feed token", Can.OwnFeedTokens, _ => ("/api/me/feed-tokens", new { name = "Outlook" }))],
        ["DELETE /api/me/feed-tokens/{id}"] = [C("revoke a feed token", Can.OwnFeedTokens, _ => ($"/api/me/feed-tokens/{Guid.NewGuid()}", null))],
    };

    /// <summary>Reads that are not for every role (api.md): the audit trail's, for auditors and admins.</summary>
    private static readonly Dictionary<string, (string Action, Func<World, string> Url)> RestrictedReads = new()
    {
        ["GET /api/users/{subject}/scope"] = (Can.Audit, _ => "/api/users/counsel/scope"),
        ["GET /api/audit/reads"] = (Can.Audit, _ => "/api/audit/reads"),
        ["GET /api/audit"] = (Can.Audit, w => $"/api/audit?stream={w.NonBinding}"),
        ["GET /api/audit/export"] = (Can.Audit, w => $"/api/audit/export?format=ndjson&stream={w.NonBinding}"),
        ["GET /api/audit/verify"] = (Can.Audit, _ => "/api/audit/verify"),
        ["GET /api/audit/public-key"] = (Can.Audit, _ => "/api/audit/public-key"),
        ["GET /api/me/feed-tokens"] = (Can.OwnFeedTokens, _ => "/api/me/feed-tokens"),
    };

    /// <summary>Every read route, with the URL a reader would call: every role reads (api.md).</summary>
    private static readonly Dictionary<string, Func<World, string>> Reads = new()
    {
        ["GET /api/parties"] = _ => "/api/parties",
        ["GET /api/parties/{id}"] = w => $"/api/parties/{w.OpenAi}",
        ["GET /api/parties/{id}/ledger"] = w => $"/api/parties/{w.OpenAi}/ledger",
        ["GET /api/agreements"] = _ => "/api/agreements",
        ["GET /api/agreements/{id}"] = w => $"/api/agreements/{w.Signed}",
        ["GET /api/commitments"] = _ => "/api/commitments",
        ["GET /api/commitments/{id}"] = w => $"/api/commitments/{w.NonBinding}",
        ["GET /api/commitments/export.csv"] = _ => "/api/commitments/export.csv",
        ["GET /api/commitments/{id}/deliveries"] = w => $"/api/commitments/{w.NonBinding}/deliveries",
        ["GET /api/commitments/{id}/deliveries/{deliveryId}"] = w => w.Delivery,
        ["GET /api/workstreams"] = _ => "/api/workstreams",
        ["GET /api/milestones"] = _ => "/api/milestones",
        ["GET /api/milestones/{id}"] = w => $"/api/milestones/{w.Milestone}",
        ["GET /api/conditions"] = _ => "/api/conditions",
        ["GET /api/conditions/{id}"] = w => $"/api/conditions/{w.Condition}",
        ["GET /api/risk"] = _ => "/api/risk",
        ["GET /api/risk/graph"] = w => $"/api/risk/graph?root={w.NonBinding}",
        ["GET /api/risk/impact"] = w => $"/api/risk/impact?milestone={w.Milestone}&slipDays=30",
        ["GET /api/parties/{id}/history"] = w => $"/api/parties/{w.OpenAi}/history",
        ["GET /api/agreements/{id}/history"] = w => $"/api/agreements/{w.Signed}/history",
        ["GET /api/commitments/{id}/history"] = w => $"/api/commitments/{w.NonBinding}/history",
        ["GET /api/agreements/{id}/diff"] = w => $"/api/agreements/{w.Signed}/diff?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z",
        ["GET /api/commitments/{id}/diff"] = w => $"/api/commitments/{w.NonBinding}/diff?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z",
        ["GET /api/changes"] = _ => "/api/changes",
        ["GET /api/overview"] = _ => "/api/overview",
        ["GET /api/alerts"] = _ => "/api/alerts",
        ["GET /api/calendar.ics"] = w => $"/api/calendar.ics?agreement={w.Signed}",
    };

    public static TheoryData<string, string, string> EveryCommandAndRole()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (route, cases) in Commands)
        foreach (var @case in cases)
        foreach (var role in Roles.All)
            data.Add(route, @case.Name, role);
        return data;
    }

    private async Task<World> AWorld()
    {
        var openAi = await api.RegisterParty("OpenAI");
        var samsung = await api.RegisterParty("Samsung Electronics", "Samsung");
        var draft = await api.DraftAgreement("LOI", [(openAi, "Signatory")]);
        var signed = await api.DraftAgreement("Signed LOI", [(openAi, "Signatory"), (samsung, "Signatory")]);
        await api.RecordProvision(signed, "§2", binding: false);
        await api.RecordProvision(signed, "§9", binding: true);
        await api.Sign(signed, new DateOnly(2025, 10, 1), openAi, samsung);
        var binding = await api.MakeCommitment(signed, Driving.Commitment(samsung, openAi, binding: true));
        var nonBinding = await api.MakeCommitment(signed, Driving.Commitment(samsung, openAi, quantity: Driving.MonthlyWafers()));
        var condition = await api.RecordCondition("Extension agreed");
        var milestone = (await api.Post($"/api/commitments/{nonBinding}/milestones",
            new { title = "First allocation", dueOn = "2026-06-30", ownerPartyId = samsung }, "editor")).ShouldBe(201).Id;
        var dependency = (await api.Post($"/api/commitments/{binding}/dependencies", new { dependsOnCommitmentId = nonBinding }, "editor"))
            .ShouldBe(201).Id;
        var delivery = (await api.Post($"/api/commitments/{nonBinding}/deliveries", new { period = "2026-02", quantity = 5 }, "editor"))
            .ShouldBe(201).Location!;
        // An alert on the milestone, raised as the sweep raises one (the sweep itself is tried in Alerts/).
        var alert = Guid.NewGuid();
        await using (var session = api.Store.LightweightSession())
        {
            session.Events.StartStream<LoiTracker.Domain.Alerts.Alert>(alert, new LoiTracker.Domain.Alerts.AlertRaised(alert, "overdue", "milestone",
                milestone, 0, null, "First allocation", signed, nonBinding, new DateOnly(2026, 6, 30), [samsung, openAi], samsung, null,
                "Complete it, or reschedule it with a reason.", ApiHost.Start));
            await session.SaveChangesAsync();
        }
        return new World(openAi, samsung, draft, signed, binding, nonBinding, condition, milestone, dependency, delivery, alert);
    }

    [Fact]
    public void every_route_the_api_serves_is_in_the_table()
    {
        var served = api.Routes().Where(r => r.Pattern.StartsWith("/api/")).Select(r => r.ToString()).ToHashSet();
        var listed = Commands.Keys.Concat(Reads.Keys).Concat(RestrictedReads.Keys).ToHashSet();

        served.Except(listed).ShouldBeEmpty("routes the Api serves without an entry in this test's table");
        listed.Except(served).ShouldBeEmpty("entries in this test's table for routes the Api does not serve");
    }

    [Fact]
    public void every_api_route_requires_an_action_and_reads_require_read()
    {
        var routes = api.Routes().Where(r => r.Pattern.StartsWith("/api/")).ToList();

        routes.Where(r => r.Anonymous || r.Policy is null).ShouldBeEmpty("open routes under /api");
        routes.Where(r => r.Method == "GET" && !RestrictedReads.ContainsKey(r.ToString())).Where(r => r.Policy != Can.Read)
            .ShouldBeEmpty("reads that ask for more than read");
        routes.Where(r => RestrictedReads.TryGetValue(r.ToString(), out var read) && read.Action != r.Policy)
            .ShouldBeEmpty("restricted reads whose policy is not the one this table says");
        routes.Where(r => Commands.TryGetValue(r.ToString(), out var cases) && cases.All(c => c.Action != r.Policy))
            .ShouldBeEmpty("routes whose policy is not the action this table says they take");
    }

    [Theory]
    [MemberData(nameof(EveryCommandAndRole))]
    public async Task a_command_is_taken_only_by_the_roles_the_table_lists(string route, string name, string role)
    {
        var @case = Commands[route].Single(c => c.Name == name);
        var (url, body) = @case.Request(await AWorld());
        var before = await api.EventCount();

        var reply = route.StartsWith("DELETE") ? await api.Delete(url, role)
            : route.StartsWith("PUT") ? await api.Send(HttpMethod.Put, url, body, role)
            : await api.Post(url, body, role);

        if (Can.RolesFor[@case.Action].Contains(role))
        {
            reply.Status.ShouldNotBe(403, reply.Text);
            reply.Status.ShouldNotBe(401, reply.Text);
        }
        else
        {
            reply.ShouldBe(403);
            (await api.EventCount()).ShouldBe(before);
        }
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("editor")]
    [InlineData("legal")]
    [InlineData("auditor")]
    [InlineData("admin")]
    public async Task every_role_reads_every_read_route(string role)
    {
        var world = await AWorld();
        await api.AuditCaughtUp();

        foreach (var (route, url) in Reads)
            (await api.Get(url(world), role)).Status.ShouldBe(200, route);
        foreach (var (route, (action, url)) in RestrictedReads)
            (await api.Get(url(world), role)).Status.ShouldBe(Can.RolesFor[action].Contains(role) ? 200 : 403, route);
    }

    [Fact]
    public async Task the_actor_on_every_event_is_the_token_subject_never_a_field_of_the_body()
    {
        var reply = await api.Post("/api/parties", new { name = $"Nvidia {Guid.NewGuid():N}", actor = "mallory", userName = "mallory" }, "editor");

        var recorded = (await api.EventsOf(reply.ShouldBe(201).Id)).ShouldHaveSingleItem();
        recorded.UserName.ShouldBe("editor-user");
        recorded.GetHeader("actor-name")!.ToString().ShouldBe("Editor User");
    }
}
