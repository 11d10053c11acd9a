using JasperFx;
using LoiTracker.Projections.Audit;
using LoiTracker.Api.Audit;
using LoiTracker.Api.Alerts;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using LoiTracker.Api.Agreements;
using LoiTracker.Api.Commitments;
using LoiTracker.Api.Conditions;
using LoiTracker.Api.Import;
using LoiTracker.Api.Milestones;
using LoiTracker.Api.Notes;
using LoiTracker.Api.Parties;
using Marten;
using Npgsql;
using Polly;
using Weasel.Core;
using Wolverine;
using Wolverine.Marten;

using LoiTracker.Api.Access;
using LoiTracker.Api.Risk;
using LoiTracker.Api.Calendar;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// Marten (events and documents) and Wolverine (commands, outbox, durable scheduled messages) on one PostgreSQL.
/// Each feature registers its own projections in its Configuration.cs.
/// </summary>
public static class Persistence
{
    public static WebApplicationBuilder AddLoiTrackerPersistence(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = Tuned(configuration.GetConnectionString("Marten")
                                     ?? throw new InvalidOperationException("ConnectionStrings:Marten is not set."),
            configuration.GetValue("Database:CommandTimeoutSeconds", DefaultCommandTimeoutSeconds));
        var schema = configuration["Database:Schema"] ?? "loitracker";
        // Locally and in tests the schema is applied at start-up; a deployment may apply it beforehand (`db-apply`).
        var applyOnStartup = configuration.GetValue("Database:ApplyChangesOnStartup", true);

        var commitmentCache = new CommitmentCache();
        var marten = builder.Services.AddMarten(services =>
            {
                var options = new StoreOptions();
                // The daemon works risk out by the clock the Api runs on (a test's FakeTimeProvider included).
                Configure(options, connectionString, schema, commitmentCache, services.GetRequiredService<TimeProvider>);
                options.AutoCreateSchemaObjects = applyOnStartup ? AutoCreate.CreateOrUpdate : AutoCreate.None;
                return options;
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine(wolverine =>
            {
                wolverine.MessageStorageSchemaName = schema;
                // The daemon's projections run on exactly one node of a cluster, moved by Wolverine when nodes come and go.
                wolverine.UseWolverineManagedEventSubscriptionDistribution = true;
            });

        if (applyOnStartup) marten.ApplyAllDatabaseChangesOnStartup();
        // Ahead of Wolverine, which starts the daemon: a database from before the shared shard is carried over first.
        builder.Services.AddHostedService<SharedShardUpgrade>();

        builder.Host.UseWolverine(options =>
        {
            // Development compiles each endpoint when it is first called; every other environment, and every test
            // host, runs the code committed in Internal/Generated (scripts/codegen.sh, ADR 13) and compiles nothing.
            options.Services.CritterStackDefaults(defaults =>
            {
                defaults.Development.GeneratedCodeMode = TypeLoadMode.Dynamic;
                defaults.Production.GeneratedCodeMode = TypeLoadMode.Static;
            });
            options.UseRuntimeCompilation();
            // The generated code lives in this assembly; a test runner on the call stack must not make JasperFx guess.
            options.ApplicationAssembly = typeof(Persistence).Assembly;
            // The Api has HTTP endpoints and no message handlers: there is nothing for Wolverine to scan for. It warns
            // "found no handlers" all the same, on the one logger that reports handler discovery, which is quietened.
            // Remove both lines with the first message handler (alerts).
            options.Discovery.DisableConventionalDiscovery();
            builder.Logging.AddFilter("Wolverine.Configuration.HandlerDiscovery", LogLevel.Error);
            options.Policies.AutoApplyTransactions();
            // No durable local queues while the Api handles no messages: each would otherwise poll the database and, on a
            // shutdown after an outage, retry its bookkeeping there for twenty seconds. The first handler decides (ADR 12).
            options.Durability.Mode = DurabilityMode.Balanced;
            // On shutdown, in-flight work gets a few seconds to finish (30 by default): after an outage that wait is spent
            // on a database that cannot answer, and the process must still stop within the host's shutdown timeout.
            options.Durability.DrainTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Host:DrainTimeoutSeconds", 5));
            options.AutoBuildMessageStorageOnStartup = applyOnStartup ? AutoCreate.CreateOrUpdate : AutoCreate.None;
            options.EntityDefaults.OnMissing = Wolverine.Persistence.OnMissing.ProblemDetailsWith404;
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<StreamTurns>();
        // Stop within the host's shutdown timeout, always, even after the database went away (docs/reliability.md).
        // Services stop side by side: after an outage each may wait out its own deadline, and those must not add up.
        builder.Services.Configure<HostOptions>(options =>
        {
            options.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue("Host:ShutdownTimeoutSeconds", 15));
            options.ServicesStopConcurrently = true;
        });
        builder.Services.StopWolverineWithinTheShutdownTimeout();
        builder.Services.AddHostedService<StoreShutdown>();
        builder.Services.AddHostedService<IdempotencyPurge>();
        builder.Services.AddScoped<Writes>();
        builder.Services.AddAccessServices();
        builder.Services.AddRiskServices();
        builder.Services.AddAuditServices(builder.Configuration, builder.Environment);
        builder.Services.AddAlertServices(configuration);
        builder.Services.AddCalendarServices();
        builder.Services.AddCommitmentServices(commitmentCache);
        builder.Services.AddSampleData();
        return builder;
    }

    /// <summary>
    /// The store as every feature configures it: the Api uses this, and so do the projection tests, so they test the
    /// projections exactly as the Api registers them.
    /// </summary>
    public static void Configure(StoreOptions options, string connectionString, string schema, CommitmentCache commitmentCache,
        Func<TimeProvider>? clock = null)
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = schema;
        // Reads are retried when a connection broke, never when the database did not answer in time: a stall would
        // otherwise multiply the wait by the attempts. Commits keep Marten's own policy (only what is known to be safe).
        options.ConfigurePolly(polly => polly.AddRetry(new Polly.Retry.RetryStrategyOptions
        {
            ShouldHandle = new Polly.PredicateBuilder().Handle<Exception>(e => DatabaseFailures.IsBrokenConnection(e)),
            MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(50), BackoffType = Polly.DelayBackoffType.Exponential
        }));
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        // The audit trail reads who, why and from what source off every event.
        options.Events.MetadataConfig.EnableAll();
        options.Events.MetadataConfig.UserNameEnabled = true;
        // The daemon finds new events by polling: every 250 ms when idle (Marten's default is a second), so risk, delivery
        // totals and the milestone schedule follow a command within a quarter second. Not NOTIFY on append: PostgreSQL
        // serialises every notifying commit on one queue lock, which cut the delivery path to a quarter of its
        // throughput (docs/benchmarks.md, append), against architecture.md's rule that nothing serialises all commits.
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);

        options.AddParties();
        options.AddAgreements();
        options.AddConditions();
        options.AddCommitments(commitmentCache);
        options.AddMilestones();
        options.AddPrivilegedNotes();
        options.AddImports();
        options.AddAccess();
        options.AddRisk(clock ?? (() => TimeProvider.System));
        options.AddAudit();
        options.AddAlerts();
        options.AddCalendar();

        // Claimed Idempotency-Keys, found by id; the index lets expired ones be removed without a scan.
        options.Schema.For<IdempotencyRecord>().Index(x => x.ClaimedAt);
    }

    /// <summary>
    /// Two Npgsql settings the command path needs (docs/benchmarks.md), unless the connection string says otherwise:
    /// no <c>DISCARD ALL</c> each time a pooled connection is returned (sessions open several per request, and the
    /// reset also throws away every cached plan, including those of Marten's append function), and automatic
    /// preparation of the statements a command sends again and again. Nothing in LoiTracker leaves session state on a
    /// pooled connection; Wolverine's advisory locks live on a connection of their own.
    /// </summary>
    public static string Tuned(string connectionString, int commandTimeoutSeconds = DefaultCommandTimeoutSeconds)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // The keys the connection string sets itself, spelled either way ("No Reset On Close" or "NoResetOnClose"): those win.
        var given = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2)[0].Replace(" ", "")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Says(string key) => given.Contains(key.Replace(" ", ""));
        if (!Says("No Reset On Close")) builder.NoResetOnClose = true;
        if (!Says("Max Auto Prepare")) builder.MaxAutoPrepare = 64;
        if (!Says("Auto Prepare Min Usages")) builder.AutoPrepareMinUsages = 2;
        // Bounded waits (docs/reliability.md): a stalled or unreachable database gives a 503 within seconds, never a
        // request hanging for as long as the stall lasts. Connecting (or waiting for a pooled connection), each command,
        // and cancelling one each have a deadline; idle connections are probed so a dead one is noticed.
        if (!Says("Timeout")) builder.Timeout = 3;
        if (!Says("Command Timeout")) builder.CommandTimeout = commandTimeoutSeconds;
        if (!Says("Cancellation Timeout")) builder.CancellationTimeout = 1000;
        if (!Says("Keepalive")) builder.KeepAlive = 15;
        if (!Says("Tcp Keepalive")) builder.TcpKeepAlive = true;
        return builder.ConnectionString;
    }

    /// <summary>How long one command may wait for the database before the request answers 503.</summary>
    public const int DefaultCommandTimeoutSeconds = 5;
}
