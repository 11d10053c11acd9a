using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Agreements;

/// <summary>Superseded by one or more signed agreements (definitive agreements, one per affiliate); surviving provisions stay in force.</summary>
public sealed record SupersedeAgreement(IReadOnlyList<Guid>? ByAgreementIds, string? Reason, SourceInput? Source, long? ExpectedVersion)
    : IHaveReason, IHaveSource
{
    public sealed class Validator : AbstractValidator<SupersedeAgreement>
    {
        public Validator()
        {
            RuleFor(x => x.ByAgreementIds).NotEmpty().WithMessage("Name the agreements that supersede this one.")
                .Must(ids => ids!.Distinct().Count() == ids!.Count).When(x => x.ByAgreementIds is not null)
                .WithMessage("An agreement is listed twice.");
            RuleForEach(x => x.ByAgreementIds).NotEqual(Guid.Empty);
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
            RuleFor(x => x.Source).SetValidator(new SourceInputValidator()!).When(x => x.Source is not null);
        }
    }
}

public sealed record TerminateAgreement(DateOnly? On, string? Reason, SourceInput? Source, long? ExpectedVersion) : IHaveReason, IHaveSource
{
    public sealed class Validator : AbstractValidator<TerminateAgreement>
    {
        public Validator()
        {
            RuleFor(x => x.On).NotNull().WithMessage("Say on what date the agreement ends.");
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
            RuleFor(x => x.Source).SetValidator(new SourceInputValidator()!).When(x => x.Source is not null);
        }
    }
}

public sealed record AbandonAgreement(string? Reason, long? ExpectedVersion) : IHaveReason
{
    public sealed class Validator : AbstractValidator<AbandonAgreement>
    {
        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
    }
}

public static class EndAgreementEndpoints
{
    [WolverinePost("/api/agreements/{id}/supersede"), Authorize(Policy = Can.Supersede)]
    public static async Task<(Applied, Events)> Supersede(SupersedeAgreement command, [WriteAggregate] Agreement agreement,
        IQuerySession session, CancellationToken token)
    {
        Versioning.Expect(command.ExpectedVersion, agreement.Version, "Agreement", agreement.Id);
        var successors = await session.LoadManyAsync<Agreement>(token, command.ByAgreementIds!);
        if (command.ByAgreementIds!.FirstOrDefault(id => successors.All(s => s.Id != id)) is var unknown && unknown != Guid.Empty)
            throw new RuleViolation("unknown-agreement", $"Agreement {unknown} does not exist");
        Events events = [agreement.Supersede([.. command.ByAgreementIds!.Select(id => successors.First(s => s.Id == id))], command.Reason!)];
        return (new Applied(agreement.Id, agreement.Version + events.Count), events);
    }

    [WolverinePost("/api/agreements/{id}/terminate"), Authorize(Policy = Can.Terminate)]
    public static (Applied, Events) Terminate(TerminateAgreement command, [WriteAggregate] Agreement agreement)
    {
        Versioning.Expect(command.ExpectedVersion, agreement.Version, "Agreement", agreement.Id);
        Events events = [agreement.Terminate(command.On!.Value, command.Reason!)];
        return (new Applied(agreement.Id, agreement.Version + events.Count), events);
    }

    [WolverinePost("/api/agreements/{id}/abandon"), Authorize(Policy = Can.Abandon)]
    public static (Applied, Events) Abandon(AbandonAgreement command, [WriteAggregate] Agreement agreement)
    {
        Versioning.Expect(command.ExpectedVersion, agreement.Version, "Agreement", agreement.Id);
        Events events = [agreement.Abandon(command.Reason!)];
        return (new Applied(agreement.Id, agreement.Version + events.Count), events);
    }
}
