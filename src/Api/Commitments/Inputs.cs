using System.Globalization;
using FluentValidation;
using LoiTracker.Domain.Commitments;

namespace LoiTracker.Api.Commitments;

public sealed record RampStepInput(DateOnly? From, decimal? Amount);

/// <summary><c>{ amount, unit, per, kind, ramp? }</c>: up to 900,000 wafers per month, say.</summary>
public sealed record QuantityInput(decimal? Amount, string? Unit, QuantityPer? Per, QuantityKind? Kind, IReadOnlyList<RampStepInput>? Ramp)
{
    public Quantity ToQuantity() => new(Amount!.Value, Unit!.Trim(), Per!.Value, Kind!.Value,
        Ramp is { Count: > 0 } ? [.. Ramp.Select(s => new RampStep(s.From!.Value, s.Amount!.Value)).OrderBy(s => s.From)] : null);

    public sealed class Validator : AbstractValidator<QuantityInput>
    {
        public Validator()
        {
            RuleFor(x => x.Amount).NotNull().GreaterThan(0);
            RuleFor(x => x.Unit).NotEmpty().MaximumLength(100);
            RuleFor(x => x.Per).NotNull().WithMessage("Say what the amount is per: month, quarter, year or total.");
            RuleFor(x => x.Kind).NotNull().WithMessage("Say what kind of quantity it is: up-to, at-least or exactly.");
            RuleForEach(x => x.Ramp).ChildRules(step =>
            {
                step.RuleFor(s => s.From).NotNull();
                step.RuleFor(s => s.Amount).NotNull().GreaterThan(0);
            });
            RuleFor(x => x.Ramp).Must(r => r!.Where(s => s.From is not null).GroupBy(s => s.From).All(g => g.Count() == 1))
                .When(x => x.Ramp is not null).WithMessage("Two ramp steps start on the same date.");
        }
    }
}

/// <summary><c>{ amount, currency }</c> with an ISO 4217 currency.</summary>
public sealed record ValueInput(decimal? Amount, string? Currency)
{
    private static readonly HashSet<string> Currencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => new RegionInfo(c.Name).ISOCurrencySymbol).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public Money ToMoney() => new(Amount!.Value, Currency!.ToUpperInvariant());

    public sealed class Validator : AbstractValidator<ValueInput>
    {
        public Validator()
        {
            RuleFor(x => x.Amount).NotNull().GreaterThanOrEqualTo(0);
            RuleFor(x => x.Currency).NotEmpty().Must(c => c is not null && Currencies.Contains(c))
                .WithMessage("Use an ISO 4217 currency code, such as USD, KRW or EUR.");
        }
    }
}
