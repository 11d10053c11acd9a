using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Agreements;

/// <summary>Superseded by one or more signed agreements (definitive agreements, one per affiliate); surviving provisions stay in force.</summary>
public sealed record SupersedeAgreement(IReadOnlyList<Guid>? ByAgreementIds, string? Reason, SourceInput? Source, long? ExpectedVersion)
    : IHaveReason, IHaveSource, IExpectVersion
{
    public sealed class Validator : AbstractValidator<SupersedeAgreement>
    {
        public Validator()
        {
            // Each condition guards only the rule it follows: a When at the end of a chain would switch off NotEmpty too.
            RuleFor(x => x.ByAgreementIds).NotEmpty().WithMessage("Name the agreements that supersede this one.");
            RuleFor(x => x.ByAgreementIds).Must(ids => ids!.Distinct().Count() == ids!.Count).When(x => x.ByAgreementIds is not null)
                .WithMessage("An agreement is listed twice.");
            RuleForEach(x => x.ByAgreementIds).NotEqual(Guid.Empty);
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
            RuleFor(x => x.Source).SetValidator(new SourceInputValidator()!).When(x => x.Source is not null);
        }
    }

    public async Task<IReadOnlyList<object>> Decide(Agreement agreement, ICommandContext context)
    {
        var successors = new List<Agreement>();
        foreach (var id in ByAgreementIds!) successors.Add(await context.KnownAgreement(id));
        return [agreement.Supersede(successors, Reason!)];
    }
}

public static class SupersedeAgreementEndpoint
{
    [WolverinePost("/api/agreements/{id}/supersede"), Authorize(Policy = Can.Supersede)]
    public static Task<Applied> Post(Guid id, SupersedeAgreement command, Writes writes) => writes.On<Agreement>(id, command, command.Decide);
}
