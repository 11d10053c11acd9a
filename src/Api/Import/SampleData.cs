using System.Text.Json;
using LoiTracker.Api.Commitments;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Projections.Common;
using Marten;

namespace LoiTracker.Api.Import;

/// <summary>
/// Loads the reference deal (samples/openai-samsung-loi-2025.json) into an empty database when
/// <c>Sample:LoadWhenEmpty</c> is on, as ./run.sh does. It is an ordinary import, so loading it twice creates nothing.
/// </summary>
public sealed class SampleData(IConfiguration configuration, IDocumentStore store, TimeProvider clock, Workstreams workstreams,
    IHostApplicationLifetime lifetime, ILogger<SampleData> logger) : IHostedService
{
    public const string Actor = "loitracker-sample";

    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the sample was loaded, found unnecessary or failed: what a test waits on instead of polling.</summary>
    public Task Loaded => _loaded.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Sample:LoadWhenEmpty", false))
        {
            _loaded.TrySetResult();
            return Task.CompletedTask;
        }
        lifetime.ApplicationStarted.Register(() => _ = Load(CancellationToken.None).ContinueWith(_ => _loaded.TrySetResult(), TaskScheduler.Default));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task Load(CancellationToken token)
    {
        try
        {
            await using var session = store.LightweightSession();
            if (await session.Query<Agreement>().AnyAsync(token))
            {
                logger.LogInformation("The database holds agreements already: the sample is not loaded");
                return;
            }
            var path = configuration["Sample:Path"] ?? Path.Combine(AppContext.BaseDirectory, "samples", "openai-samsung-loi-2025.json");
            var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            Json.Configure(options);
            var bundle = JsonSerializer.Deserialize<Bundle>(await File.ReadAllTextAsync(path, token), options)!;

            session.LastModifiedBy = Actor;
            session.SetHeader(Provenance.ActorSubject, Actor);
            session.SetHeader(Provenance.ActorName, "LoiTracker sample data");
            if (bundle.Source is { Kind: not null, Reference: not null } source) session.SetHeader(Provenance.Source, source.ToSource());
            var report = await new Importer(session, clock, workstreams).Import(bundle, token);
            if (report.Outcome == "rejected")
            {
                logger.LogError("The sample bundle was rejected: {Rejections}", string.Join("; ", report.Rejected.Select(r => $"{r.Kind} {r.Key}: {r.Reason}")));
                return;
            }
            await session.SaveChangesAsync(token);
            logger.LogInformation("Loaded the sample: the OpenAI–Samsung letter of intent ({Created} items)", report.Created.Count);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The sample could not be loaded");
        }
    }
}
