using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Commitments;
using LoiTracker.Api.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace LoiTracker.Api.Import;

public static class ImportBundleEndpoint
{
    public const long MaxBytes = 16 * 1024 * 1024;
    private const string Raced = "raced";

    public sealed class Validator : AbstractValidator<Bundle>
    {
        public Validator()
        {
            RuleFor(x => x).Must(b => (b.Parties?.Count ?? 0) + (b.Agreements?.Count ?? 0) + (b.Conditions?.Count ?? 0) +
                                      (b.Commitments?.Count ?? 0) + (b.Milestones?.Count ?? 0) > 0)
                .WithName("body").WithMessage("The bundle holds no parties, agreements, conditions, commitments or milestones.");
            RuleFor(x => x.Name).MaximumLength(300);
            RuleFor(x => x.Source).SetValidator(new SourceInputValidator()!).When(x => x.Source is not null);
        }
    }

    /// <summary>
    /// Imports a bundle all or nothing: 200 with a report of what was created and what was matched by key (a second
    /// import creates nothing), or 422 with a report naming each rejected item and why, having written nothing.
    /// </summary>
    [WolverinePost("/api/import"), Authorize(Policy = Can.Import), BodyLimit(MaxBytes)]
    [Access.Scoped("unscoped users only: a bundle spans deals and registers parties")]
    [ProducesResponseType(typeof(ImportReport), StatusCodes.Status200OK, "application/json")]
    public static async Task<IResult> Post(Bundle bundle, Writes writes, TimeProvider clock, Workstreams workstreams, Access.Visibility visibility,
        CancellationToken token)
    {
        // A bundle matches records by key across every deal and registers parties: nothing a scoped user may do (ADR 16).
        if (!await visibility.Unrestricted())
            throw new Forbidden("Importing is for users whose access is not limited to some parties or agreements");
        // A bundle imported at the same moment by someone else claims the same keys first: this one is then decided
        // again and finds them matched, as a second import would (ADR 9).
        ImportReport report;
        var decided = 0;
        do
        {
            report = await writes.Batch(bundle, async (session, _) =>
            {
                var importer = new Importer(session, clock, workstreams, session.SaveChangesAsync);
                var imported = await importer.Import(bundle, token);
                // Refused because another import of these keys committed meanwhile? Then decide again, below.
                var raced = imported.Outcome == "rejected" && await importer.RacedWithAnotherImport(token);
                return new Attempt<ImportReport>(raced ? imported with { Outcome = Raced } : imported) { Writes = imported.Outcome == "imported" };
            });
        } while (report.Outcome == Raced && ++decided < 3);
        if (report.Outcome == Raced) report = report with { Outcome = "rejected" };
        if (report.Outcome != "rejected") return Results.Ok(report);

        return Results.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = $"The bundle was not imported: {report.Rejected.Count} item{(report.Rejected.Count == 1 ? " was" : "s were")} rejected",
            Detail = "Nothing was written. Each rejected item is named in the report with the reason.",
            Extensions = { ["rule"] = "bundle-rejected", ["report"] = report }
        });
    }
}
