using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Agreements;

/// <summary>Sets a date the agreement itself fixes. Setting a kind again moves it; <c>Other</c> dates are told apart by their note.</summary>
public sealed record SetKeyDate(KeyDateKind? Kind, DateOnly? Date, string? Note, SourceInput? Source, long? ExpectedVersion) : IHaveSource
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
}

public static class SetKeyDateEndpoint
{
    [WolverinePost("/api/agreements/{id}/key-dates"), Authorize(Policy = Can.SetKeyDates)]
    public static (Applied, Events) Post(SetKeyDate command, [WriteAggregate] Agreement agreement)
    {
        Versioning.Expect(command.ExpectedVersion, agreement.Version, "Agreement", agreement.Id);
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        Events events = [agreement.SetKeyDate(new KeyDate(command.Kind!.Value, command.Date!.Value, note))];
        return (new Applied(agreement.Id, agreement.Version + events.Count), events);
    }
}
