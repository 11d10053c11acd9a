using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Agreements;

/// <summary>A draft that will not be signed.</summary>
public sealed record AbandonAgreement(string? Reason, long? ExpectedVersion) : IHaveReason, IExpectVersion
{
    public sealed class Validator : AbstractValidator<AbandonAgreement>
    {
        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
    }

    public IReadOnlyList<object> Decide(Agreement agreement) => [agreement.Abandon(Reason!)];
}

public static class AbandonAgreementEndpoint
{
    [WolverinePost("/api/agreements/{id}/abandon"), Authorize(Policy = Can.Abandon)]
    public static Task<Applied> Post(Guid id, AbandonAgreement command, Writes writes) =>
        writes.On<Agreement>(id, command, (agreement, _) => Task.FromResult(command.Decide(agreement)));
}
