using JasperFx;
using LoiTracker.Projections.Alerts;
using MailKit.Net.Smtp;
using MailKit.Security;
using Marten.Schema;
using MimeKit;

namespace LoiTracker.Api.Alerts;

/// <summary>
/// One alert email to one recipient, claimed before it is sent (ADR 21): an overdue notice for an alert, or the digest
/// of a UTC day. Its id is derived from what it is and to whom, so a second claim of it, by another run or process,
/// cannot be inserted. Sent is set once the SMTP server took it; a claim that failed to send is deleted, and one left
/// unsent by a process that died is taken over after <see cref="AlertMail.Lease"/>.
/// </summary>
public sealed class AlertEmailSent
{
    public const string Notice = "notice", Digest = "digest";

    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public Guid? AlertId { get; set; }
    public DateOnly? Day { get; set; }
    public string RecipientHash { get; set; } = "";
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>How many alerts a digest listed (0: nothing was open, nothing was sent).</summary>
    public int Alerts { get; set; }
    /// <summary>Two processes taking over one abandoned claim: only one of them can store it.</summary>
    [Version]
    public Guid Version { get; set; }

    public static string NoticeId(Guid alertId, AlertSubscriber to) => $"{Notice}:{alertId:N}:{to.Hash}";
    public static string DigestId(DateOnly day, AlertSubscriber to) => $"{Digest}:{day:yyyy-MM-dd}:{to.Hash}";
}

/// <summary>What one run of the mailer did: emails sent by kind, and those that failed (to be tried again next run).</summary>
public sealed record MailOutcome(int Notices, int Digests, int Failed)
{
    public static readonly MailOutcome Nothing = new(0, 0, 0);
}

/// <summary>
/// Alert email (issue 12, ADR 21), every minute by the injected clock when <c>Alerts:Email:Enabled</c>: an immediate
/// notice to each subscriber for every open alert whose date has passed (overdue, cure deadline passed, condition
/// late), and once per UTC day, at or after <c>DigestHourUtc</c>, one digest per subscriber of every alert still open
/// or acknowledged. Each email is claimed before it is sent, so it goes once per recipient across runs, restarts and
/// processes; delivery is at least once, with a stable Message-Id. Tests call <see cref="Run"/> directly.
/// </summary>
public sealed class AlertMail(IDocumentStore store, TimeProvider clock, AlertEmailSettings settings, ILogger<AlertMail> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    /// <summary>A claim not marked sent after this long was left by a process that died: another run sends it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);
    /// <summary>Notices go out for alerts raised this recently; older ones (email just turned on) are in the digest.</summary>
    public static readonly TimeSpan NoticeWindow = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await Run(store, clock.GetUtcNow(), settings, stoppingToken, logger);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Alert email failed: trying again in {Every}", Every);
            }
        }
    }

    private sealed record Pending(AlertEmailSent Claim, Func<MimeMessage?> Compose);

    public static async Task<MailOutcome> Run(IDocumentStore store, DateTimeOffset now, AlertEmailSettings settings, CancellationToken token,
        ILogger? logger = null)
    {
        var recipients = settings.Recipients();
        if (!settings.Enabled || recipients.Count == 0) return MailOutcome.Nothing;

        var pending = new List<Pending>();
        await using (var query = store.QuerySession())
        {
            var since = now - NoticeWindow;
            var urgent = await query.Query<AlertView>()
                .Where(a => a.State == AlertStates.Open && a.RaisedAt >= since && AlertEmails.Urgent.Contains(a.Rule)).ToListAsync(token);
            foreach (var alert in urgent.OrderBy(a => a.RaisedAt))
            foreach (var to in recipients.Where(r => r.Wants(alert)))
                pending.Add(new Pending(new AlertEmailSent
                {
                    Id = AlertEmailSent.NoticeId(alert.Id, to), Kind = AlertEmailSent.Notice, AlertId = alert.Id, RecipientHash = to.Hash
                }, () => AlertEmails.Notice(alert, to, settings.From)));

            var day = DateOnly.FromDateTime(now.UtcDateTime);
            if (now.UtcDateTime.Hour >= settings.DigestHourUtc)
            {
                var active = await query.Query<AlertView>().Where(a => a.Active).ToListAsync(token);
                foreach (var to in recipients)
                {
                    var theirs = active.Where(to.Wants).DistinctBy(a => a.Id).ToList();
                    pending.Add(new Pending(new AlertEmailSent
                    {
                        Id = AlertEmailSent.DigestId(day, to), Kind = AlertEmailSent.Digest, Day = day, RecipientHash = to.Hash, Alerts = theirs.Count
                    }, () => theirs.Count == 0 ? null : AlertEmails.Digest(day, theirs, to, settings.From)));
                }
            }

            // What was sent already is skipped without a write: found by id, the primary key.
            var known = (await query.LoadManyAsync<AlertEmailSent>(token, pending.Select(p => p.Claim.Id))).ToDictionary(c => c.Id);
            pending = [.. pending.Where(p => known.GetValueOrDefault(p.Claim.Id) is not { } claim || Abandoned(claim, now))];
        }
        if (pending.Count == 0) return MailOutcome.Nothing;

        int notices = 0, digests = 0, failed = 0;
        using var smtp = new SmtpClient { Timeout = 30_000 };
        try
        {
            foreach (var (fresh, compose) in pending)
            {
                await using var session = store.LightweightSession();
                if (await Claim(session, fresh, now, token) is not { } claim) continue;
                try
                {
                    if (compose() is { } message)
                    {
                        if (!smtp.IsConnected) await Connect(smtp, settings.Smtp, token);
                        await smtp.SendAsync(message, token);
                        if (claim.Kind == AlertEmailSent.Notice) notices++;
                        else digests++;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Not sent: the claim goes, so the next run tries again.
                    failed++;
                    logger?.LogWarning(e, "Alert email {Claim} was not sent: trying again next run", claim.Id);
                    await using var release = store.LightweightSession();
                    release.Delete<AlertEmailSent>(claim.Id);
                    await release.SaveChangesAsync(CancellationToken.None);
                    if (!smtp.IsConnected) break; // the server is unreachable: the rest waits for the next run
                    continue;
                }
                claim.SentAt = now;
                session.Store(claim);
                try
                {
                    await session.SaveChangesAsync(CancellationToken.None);
                }
                catch (ConcurrencyException)
                {
                    // Sent after its lease ran out, and another run took the claim over: it sends a copy with the same Message-Id.
                    logger?.LogWarning("Alert email {Claim} took longer than its lease to send: a copy may follow", claim.Id);
                }
            }
        }
        finally
        {
            if (smtp.IsConnected) await smtp.DisconnectAsync(true, CancellationToken.None);
        }
        return new MailOutcome(notices, digests, failed);
    }

    private static bool Abandoned(AlertEmailSent claim, DateTimeOffset now) => claim.SentAt is null && claim.ClaimedAt <= now - Lease;

    /// <summary>
    /// Inserts the claim, or takes over an abandoned one; null when another run or process has it. Committed on its own,
    /// before anything is sent.
    /// </summary>
    private static async Task<AlertEmailSent?> Claim(IDocumentSession session, AlertEmailSent fresh, DateTimeOffset now, CancellationToken token)
    {
        var claim = fresh;
        if (await session.LoadAsync<AlertEmailSent>(fresh.Id, token) is { } existing)
        {
            if (!Abandoned(existing, now)) return null;
            claim = existing;
        }
        claim.ClaimedAt = now;
        if (claim == fresh) session.Insert(claim);
        else session.Store(claim);
        try
        {
            await session.SaveChangesAsync(token);
            return claim;
        }
        catch (Exception e) when (e is DocumentAlreadyExistsException or ConcurrencyException)
        {
            return null;
        }
    }

    private static async Task Connect(SmtpClient smtp, SmtpSettings server, CancellationToken token)
    {
        var security = !server.UseTls ? SecureSocketOptions.None
            : server.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await smtp.ConnectAsync(server.Host, server.Port, security, token);
        if (!string.IsNullOrEmpty(server.User)) await smtp.AuthenticateAsync(server.User, server.Password ?? "", token);
    }
}
