using JasperFx;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

// `dotnet run --project src/Api -- token --name "Ada Legal" --role legal` prints a local JWT and stops.
if (args is ["token", ..]) return TokenCommand.Run(args, builder.Configuration, builder.Environment);

builder.Services.AddLoiTrackerAuth(builder.Configuration, builder.Environment);
builder.AddLoiTrackerPersistence();
builder.Services.AddLoiTrackerHttp();
HeapPeak.AddIfConfigured(builder.Services, builder.Configuration);

var app = builder.Build();
app.UseLoiTrackerHttp();

// JasperFx's command line (codegen, db-apply, ...) only when a command is named: looking for its commands prints a
// line per assembly searched, which a plain start of the Api has no use for.
if (args.Length == 0)
{
    await app.RunAsync();
    return 0;
}
return await app.RunJasperFxCommands(args);

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
