using LoiTracker.Api.Alerts;
using LoiTracker.Domain.Common;
using LoiTracker.Projections.Alerts;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoiTracker.Api.Tests.Alerts;

/// <summary>The reference deal with alert email turned on, sending to an SMTP server in the test process.</summary>
public sealed class AlertEmailHost : ReferenceDealHost
{
    public const string Partnerships = "partnerships@openai.test", Legal = "legal@samsung.test", Elsewhere = "someone@elsewhere.test";

    public TestMailbox Mailbox { get; } = new();

    protected override void Configure(IWebHostBuilder web)
    {
        base.Configure(web);
        web.UseSetting("Alerts:Email:Enabled", "true");
        web.UseSetting("Alerts:Email:Smtp:Host", "127.0.0.1");
        web.UseSetting("Alerts:Email:Smtp:Port", Mailbox.Port.ToString());
        web.UseSetting("Alerts:Email:From", "LoiTracker <alerts@loitracker.test>");
        web.UseSetting("Alerts:Email:Subscribers:0:Address", Partnerships);
        web.UseSetting("Alerts:Email:Subscribers:1:Address", "Legal@Samsung.test");
        // The same address again, for one party only: still one email per alert.
        web.UseSetting("Alerts:Email:Subscribers:2:Address", Legal);
        web.UseSetting("Alerts:Email:Subscribers:2:Parties:0", Guid.NewGuid().ToString());
        // A subscriber to a party no alert of the deal is about.
        web.UseSetting("Alerts:Email:Subscribers:3:Address", Elsewhere);
        web.UseSetting("Alerts:Email:Subscribers:3:Parties:0", Guid.NewGuid().ToString());
    }

    public override async Task InitializeAsync()
    {
        Mailbox.Start();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Mailbox.DisposeAsync();
    }

    public AlertEmailSettings Settings => Host.Services.GetRequiredService<AlertEmailSettings>();
}

/// <summary>
/// Alert email as its subscribers receive it (issue 12, ADR 21): an overdue milestone gives each subscriber one notice,
/// however many runs on however many nodes; the digest goes once a day to each and lists each open alert once; a
/// failed send and a claim left by a process that died are sent later; with email off (the default) nothing is sent.
/// Business time moves by the instant given to the sweep and the mailer, never by waiting.
/// </summary>
public sealed class when_alerts_are_emailed(AlertEmailHost api) : IClassFixture<AlertEmailHost>
{
    private const string Seoul = "Asia/Seoul";

    private TestMailbox Mailbox => api.Mailbox;

    private Task<MailOutcome> Mail(DateTimeOffset at, IDocumentStore? store = null, AlertEmailSettings? settings = null) =>
        AlertMail.Run(store ?? api.Store, at, settings ?? api.Settings, CancellationToken.None);

    private IDocumentStore OtherNode() => DocumentStore.For(options =>
    {
        LoiTracker.Api.Infrastructure.Persistence.Configure(options, TestDatabase.ConnectionString, api.Schema, new LoiTracker.Api.Commitments.CommitmentCache());
        options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
    });

    /// <summary>The instant the first open dated milestone of the datacenter design falls overdue, swept.</summary>
    private async Task<DateTimeOffset> SweptOverdue()
    {
        var design = await api.Commitment("datacenter-design");
        var study = (await api.Get($"/api/commitments/{design}")).Body!["milestones"]!.AsArray()
            .First(m => m!["dueOn"] is not null && m["completedOn"] is null)!;
        var overdueAt = BusinessCalendar.FallsDueAt(DateOnly.Parse(study["dueOn"]!.GetValue<string>()), Seoul).AddMinutes(5);
        await AlertSweep.Run(api.Store, overdueAt, CancellationToken.None);
        return overdueAt;
    }

    private async Task<List<AlertView>> Alerts(Func<AlertView, bool> which)
    {
        await using var session = api.Store.QuerySession();
        return [.. (await session.Query<AlertView>().ToListAsync()).Where(which)];
    }

    private static string MessageId(string prefix, AlertSubscriber to) => $"{prefix}-{to.Hash}@loitracker";

    [Fact]
    public async Task the_settings_say_who_subscribes_and_the_mailer_runs()
    {
        var settings = api.Settings;
        settings.Enabled.ShouldBeTrue();
        settings.DigestHourUtc.ShouldBe(7);
        settings.Recipients().Select(r => r.Address).ShouldBe([AlertEmailHost.Partnerships, "Legal@Samsung.test", AlertEmailHost.Elsewhere]);
        settings.Recipients()[1].Parties.ShouldBeEmpty();
        api.Host.Services.GetServices<IHostedService>().OfType<AlertMail>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task an_overdue_milestone_gives_each_subscriber_one_notice_across_runs_and_nodes()
    {
        var overdueAt = await SweptOverdue();
        using var otherNode = OtherNode();
        Mailbox.Clear();

        // Both nodes mail at once, again and again, and again later (a restart is a fresh run: nothing is kept in memory).
        await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[]
        {
            Task.Run(() => Mail(overdueAt)), Task.Run(() => Mail(overdueAt, otherNode))
        }));
        await Mail(overdueAt.AddMinutes(1));
        await Mail(overdueAt.AddHours(2), otherNode);

        var urgent = await Alerts(a => a.State == AlertStates.Open && AlertEmails.Urgent.Contains(a.Rule) && a.RaisedAt > overdueAt.AddDays(-1));
        urgent.ShouldNotBeEmpty();
        var notices = Mailbox.Received.Where(m => m.MessageId.StartsWith("alert-")).ToList();
        notices.Count.ShouldBe(urgent.Count * 2, "one notice per urgent alert for each of the two subscribers to every party");
        notices.GroupBy(m => m.MessageId).ShouldAllBe(g => g.Count() == 1);

        var subscribers = api.Settings.Recipients();
        foreach (var alert in urgent)
        foreach (var to in subscribers.Where(s => s.Parties.Count == 0))
        {
            var notice = notices.Single(m => m.MessageId == MessageId($"alert-{alert.Id:N}", to));
            notice.Recipients.ShouldBe([to.Address]);
            notice.Message.To.Mailboxes.Single().Address.ShouldBe(to.Address);
            notice.Message.From.Mailboxes.Single().Address.ShouldBe("alerts@loitracker.test");
            notice.Message.Subject.ShouldBe($"LoiTracker: {(alert.ItemKind == "key-date" ? "key date passed" : alert.Rule.Replace('-', ' '))}: {alert.Title}"
                .Replace("cure passed", "cure deadline passed"));
            notice.Body.ShouldContain(alert.Title);
            notice.Body.ShouldContain(alert.WhatToDo);
        }
        Mailbox.Received.ShouldNotContain(m => m.Recipients.Contains(AlertEmailHost.Elsewhere));
    }

    [Fact]
    public async Task the_digest_goes_once_a_day_to_each_subscriber_and_lists_each_open_alert_once()
    {
        var day = new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero);
        await AlertSweep.Run(api.Store, day.AddHours(5), CancellationToken.None);
        using var otherNode = OtherNode();
        Mailbox.Clear();

        // Before the digest hour (07:00 UTC), none.
        await Mail(day.AddHours(6).AddMinutes(59));
        Mailbox.Received.ShouldNotContain(m => m.MessageId.StartsWith("digest-"));

        await Task.WhenAll(Task.Run(() => Mail(day.AddHours(7))), Task.Run(() => Mail(day.AddHours(7), otherNode)));
        await Mail(day.AddHours(7).AddMinutes(1));
        await Mail(day.AddHours(23).AddMinutes(59), otherNode);

        var open = await Alerts(a => a.Active);
        open.ShouldNotBeEmpty();
        var digests = Mailbox.Received.Where(m => m.MessageId.StartsWith("digest-")).ToList();
        digests.Select(d => d.Recipients.Single().ToLowerInvariant()).ShouldBe([AlertEmailHost.Legal, AlertEmailHost.Partnerships], ignoreOrder: true);
        var urgent = open.Count(a => AlertEmails.Urgent.Contains(a.Rule));
        foreach (var digest in digests)
        {
            var to = api.Settings.Recipients().Single(r => string.Equals(r.Address, digest.Recipients.Single(), StringComparison.OrdinalIgnoreCase));
            digest.MessageId.ShouldBe(MessageId("digest-20260320", to));
            digest.Message.Subject.ShouldBe($"LoiTracker: {open.Count} open alert{(open.Count == 1 ? "" : "s")}, {urgent} overdue (2026-03-20)");
            var listed = digest.Body.Split('\n').Where(l => l.StartsWith("- [")).ToList();
            listed.Count.ShouldBe(open.Count);
            foreach (var titled in open.GroupBy(a => a.Title))
                listed.Count(l => l.Contains($"] {titled.Key}")).ShouldBe(titled.Count(), titled.Key);
        }

        // The next day, one more each.
        Mailbox.Clear();
        await Mail(day.AddDays(1).AddHours(8));
        await Mail(day.AddDays(1).AddHours(9), otherNode);
        Mailbox.Received.Where(m => m.MessageId.StartsWith("digest-")).Select(d => d.MessageId)
            .ShouldAllBe(id => id.StartsWith("digest-20260321-"));
        Mailbox.Received.Count(m => m.MessageId.StartsWith("digest-")).ShouldBe(2);
    }

    [Fact]
    public async Task a_notice_that_failed_to_send_or_was_left_by_a_process_that_died_is_sent_later()
    {
        var overdueAt = await SweptOverdue();
        var urgent = await Alerts(a => a.State == AlertStates.Open && AlertEmails.Urgent.Contains(a.Rule) && a.RaisedAt > overdueAt.AddDays(-1));
        urgent.ShouldNotBeEmpty();
        var late = new AlertSubscriber { Address = "late@openai.test" };
        var settings = api.Settings with { Subscribers = [late] };
        Mailbox.Clear();

        // The SMTP server cannot be reached: nothing is sent, and nothing is recorded as sent.
        var unreachable = settings with { Smtp = settings.Smtp with { Port = TestMailbox.FreePort() } };
        var failed = await Mail(overdueAt, settings: unreachable);
        failed.Failed.ShouldBe(1);
        (failed.Notices + failed.Digests).ShouldBe(0);
        var sent = await Mail(overdueAt.AddMinutes(1), settings: settings);
        sent.Notices.ShouldBe(urgent.Count);
        Mailbox.Received.Count(m => m.Recipients.Contains(late.Address) && m.MessageId.StartsWith("alert-")).ShouldBe(urgent.Count);

        // A process claimed a notice and died before sending it: no one else sends it until the claim's lease ran out.
        var alert = urgent[0];
        await using (var session = api.Store.LightweightSession())
        {
            session.Delete<AlertEmailSent>(AlertEmailSent.NoticeId(alert.Id, late));
            await session.SaveChangesAsync();
            session.Insert(new AlertEmailSent
            {
                Id = AlertEmailSent.NoticeId(alert.Id, late), Kind = AlertEmailSent.Notice, AlertId = alert.Id, RecipientHash = late.Hash,
                ClaimedAt = overdueAt.AddMinutes(2)
            });
            await session.SaveChangesAsync();
        }
        Mailbox.Clear();
        (await Mail(overdueAt.AddMinutes(3), settings: settings)).Notices.ShouldBe(0);
        using var otherNode = OtherNode();
        await Task.WhenAll(Task.Run(() => Mail(overdueAt.AddMinutes(2) + AlertMail.Lease, settings: settings)),
            Task.Run(() => Mail(overdueAt.AddMinutes(2) + AlertMail.Lease, otherNode, settings)));
        Mailbox.Received.Where(m => m.MessageId.StartsWith("alert-")).ShouldHaveSingleItem()
            .MessageId.ShouldBe(MessageId($"alert-{alert.Id:N}", late));
    }

    [Fact]
    public async Task with_email_off_the_default_nothing_is_sent()
    {
        var overdueAt = await SweptOverdue();
        var off = AlertEmailSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerts:Email:Smtp:Host"] = "127.0.0.1",
            ["Alerts:Email:Smtp:Port"] = Mailbox.Port.ToString(),
            ["Alerts:Email:Subscribers:0:Address"] = "everyone@openai.test"
        }).Build());
        off.Enabled.ShouldBeFalse();
        Mailbox.Clear();

        (await Mail(overdueAt, settings: off)).ShouldBe(MailOutcome.Nothing);
        (await Mail(new DateTimeOffset(overdueAt.UtcDateTime.Date, TimeSpan.Zero).AddDays(1).AddHours(7), settings: off)).ShouldBe(MailOutcome.Nothing);
        Mailbox.Received.ShouldBeEmpty();
    }
}
