using LoiTracker.Domain.Alerts;
using LoiTracker.Projections.Alerts;
using LoiTracker.Projections.Milestones;
using Npgsql;

namespace LoiTracker.Api.Alerts;

/// <summary>What one sweep did.</summary>
public sealed record SweepOutcome(bool Ran, int Raised, int Resolved);

/// <summary>
/// Raises the alerts that have fallen due and resolves those whose cause went away, every minute by the injected clock
/// (ADR 19). Each run evaluates the rules (<see cref="AlertRules"/>) on what is alertable now (<see cref="AlertableItems"/>,
/// through indexes), so what fell due while the Api was down is raised at the next run, once: an alert's id is derived
/// from its cause, and its stream can be started only once. One process sweeps at a time (a transaction's advisory
/// lock, released at its commit); the others skip the run. Tests and the bench call <see cref="Run"/> directly.
/// </summary>
public sealed class AlertSweep(IDocumentStore store, TimeProvider clock, IConfiguration configuration, ILogger<AlertSweep> logger) : BackgroundService
{
    public static readonly TimeSpan DefaultEvery = TimeSpan.FromMinutes(1);

    /// <summary>How often the sweep runs: a minute, or <c>Alerts:SweepSeconds</c> (1 to 3600).</summary>
    public TimeSpan Every => configuration.GetValue<int?>("Alerts:SweepSeconds") is { } seconds
        ? TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 3600))
        : DefaultEvery;
    public const int PerPage = 500;
    private const long LockKey = 0x4c6f69416c657274; // "LoiAlert"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await Run(store, clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The alert sweep failed: trying again in {Every}", Every);
            }
        }
    }

    public static async Task<SweepOutcome> Run(IDocumentStore store, DateTimeOffset now, CancellationToken token)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(token);
        await using var tx = await connection.BeginTransactionAsync(token);
        await using (var locking = new NpgsqlCommand("select pg_try_advisory_xact_lock(@key)", connection, tx))
        {
            locking.Parameters.AddWithValue("key", LockKey);
            if (await locking.ExecuteScalarAsync(token) is not true) return new SweepOutcome(false, 0, 0);
        }

        List<AlertableItem> items;
        Dictionary<Guid, AlertView> active;
        await using (var reading = store.QuerySession(Marten.Services.SessionOptions.ForTransaction(tx)))
        {
            items = await AlertableItems.Read(reading, now, token);
            active = (await reading.Query<AlertView>().Where(a => a.Active).ToListAsync(token)).ToDictionary(a => a.Id);
        }
        var due = items.Select(item => (Item: item, Cause: AlertRules.Current(item, now))).Where(d => d.Cause is not null)
            .GroupBy(d => d.Cause!.AlertId).Select(g => g.First()).ToList();

        // Raised: the causes that have no alert yet, in pages (Marten's unit of work stays small), in this one transaction.
        // A cause whose alert was resolved and that applies again is its next occurrence, with an id of its own.
        var current = new HashSet<Guid>();
        var raised = 0;
        foreach (var page in due.Chunk(PerPage))
        {
            await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(tx));
            var pending = page.ToList();
            while (pending.Count > 0)
            {
                var found = (await session.LoadManyAsync<AlertView>(token, pending.Select(d => d.Cause!.AlertId))).ToDictionary(a => a.Id);
                var again = new List<(AlertableItem Item, AlertCause? Cause)>();
                foreach (var (item, cause) in pending)
                {
                    if (found.GetValueOrDefault(cause!.AlertId) is { } existing)
                    {
                        if (existing.Active) current.Add(existing.Id);
                        else again.Add((item, cause with { Occurrence = cause.Occurrence + 1 }));
                        continue;
                    }
                    session.Events.StartStream<Alert>(cause.AlertId, new AlertRaised(cause.AlertId, cause.Rule, item.Kind, item.ItemId, cause.Revision,
                        cause.LeadDays, item.Title, item.AgreementId, item.CommitmentId, item.DueOn, item.Parties, item.OwnerPartyId, item.Assignee,
                        AlertRules.WhatToDo(cause, item), now));
                    current.Add(cause.AlertId);
                    raised++;
                }
                pending = again;
            }
            await session.SaveChangesAsync(token);
        }

        // Resolved: active alerts whose cause is no longer the current one for their item.
        var byItem = due.ToDictionary(d => d.Item.ItemId, d => d.Cause!);
        var gone = active.Values.Where(a => !current.Contains(a.Id)).ToList();
        if (gone.Count > 0)
        {
            await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(tx));
            var schedules = (await session.LoadManyAsync<MilestoneScheduleView>(token,
                gone.Where(a => a.ItemKind == AlertItemKinds.Milestone).Select(a => a.ItemId))).ToDictionary(m => m.Id);
            foreach (var alert in gone)
                session.Events.Append(alert.Id, alert.Version + 1, new AlertResolved(alert.Id, Why(alert, byItem.GetValueOrDefault(alert.ItemId),
                    schedules.GetValueOrDefault(alert.ItemId)), now));
            await session.SaveChangesAsync(token);
        }
        await tx.CommitAsync(token);
        return new SweepOutcome(true, raised, gone.Count);
    }

    /// <summary>Why an alert no longer applies, in words its reader understands.</summary>
    private static string Why(AlertView alert, AlertCause? now, MilestoneScheduleView? schedule) => now switch
    {
        { Rule: AlertRuleNames.Overdue or AlertRuleNames.CurePassed } when alert.Rule is AlertRuleNames.DueSoon or AlertRuleNames.CureDueSoon =>
            "superseded: now past due",
        { } next when next.Revision != alert.Revision && alert.ItemKind == AlertItemKinds.Risk => "superseded: the risk level changed",
        { } next when next.Revision != alert.Revision => "withdrawn: rescheduled",
        { LeadDays: { } days } => $"superseded by the {days}-day alert",
        _ => alert.ItemKind switch
        {
            AlertItemKinds.Milestone when schedule is { Completed: true } => "resolved: completed",
            AlertItemKinds.Milestone when schedule is { Closed: true } => "resolved: its commitment ended",
            AlertItemKinds.Milestone => "withdrawn: rescheduled",
            AlertItemKinds.Condition => "resolved: the condition was settled",
            AlertItemKinds.Breach => "resolved: the breach was cured or confirmed",
            AlertItemKinds.Risk => "resolved: the risk fell",
            AlertItemKinds.KeyDate => "withdrawn: the key date moved or the agreement ended",
            _ => "resolved"
        }
    };
}
