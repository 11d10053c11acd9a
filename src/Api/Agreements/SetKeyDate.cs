using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Agreements;

/// <summary>Sets a date the agreement itself fixes. Setting a kind again moves it; <c>Other</c> dates are told apart by their note.</summary>
public sealed record SetKeyDate(KeyDateKind? Kind, DateOnly? Date, string? Note, SourceInput? Source, long? ExpectedVersion)
    : IHaveSource, IExpectVersion
{
    public sealed class Validator : AbstractValidator<SetKeyDate>
    {
        public Validator()
        {
            RuleFor(x => x.Kind).NotNull();
            RuleFor(x => x.Date).NotNull();
            RuleFor(x => x.Note).NotEmpty().When(x => x.Kind == KeyDateKind.Other)
                .WithMessage("Say what an 'Other' key date is.").MaximumLength(500);
            RuleFor(x => x.Source).SetValidator(new SourceInputValidator()!).When(x => x.Source is not null);
        }
    }

    public IReadOnlyList<object> Decide(Agreement agreement) =>
        [agreement.SetKeyDate(new KeyDate(Kind!.Value, Date!.Value, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim()))];
}

public static class SetKeyDateEndpoint
{
    [WolverinePost("/api/agreements/{id}/key-dates"), Authorize(Policy = Can.SetKeyDates)]
    public static Task<Applied> Post(Guid id, SetKeyDate command, Writes writes) =>
        writes.On<Agreement>(id, command, (agreement, _) => Task.FromResult(command.Decide(agreement)));
}
