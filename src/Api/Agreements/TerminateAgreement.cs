using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Agreements;

/// <summary>Ends an agreement in force on a date; surviving provisions stay in force.</summary>
public sealed record TerminateAgreement(DateOnly? On, string? Reason, SourceInput? Source, long? ExpectedVersion)
    : IHaveReason, IHaveSource, IExpectVersion
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

    public IReadOnlyList<object> Decide(Agreement agreement) => [agreement.Terminate(On!.Value, Reason!)];
}

public static class TerminateAgreementEndpoint
{
    [WolverinePost("/api/agreements/{id}/terminate"), Authorize(Policy = Can.Terminate)]
    public static Task<Applied> Post(Guid id, TerminateAgreement command, Writes writes) =>
        writes.On<Agreement>(id, command, (agreement, _) => Task.FromResult(command.Decide(agreement)));
}
