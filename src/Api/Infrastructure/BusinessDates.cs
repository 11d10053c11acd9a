using FluentValidation;
using LoiTracker.Domain.Common;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// The dates LoiTracker accepts as business dates (due dates, signatures, key dates, expected dates...): from
/// 1900-01-01 to 2199-12-31. Agreements live within that span; a date outside it is a typing mistake, and every date
/// inside it can be turned into an instant in any zone. Reads stay total for whatever is stored (BusinessCalendar).
/// </summary>
public static class BusinessDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2199, 12, 31);

    public static string? Problem(DateOnly date) =>
        date < Earliest || date > Latest ? $"Use a date between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}." : null;

    public static IRuleBuilderOptions<T, DateOnly?> InBusinessRange<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must(date => date is null || Problem(date.Value) is null)
            .WithMessage($"Use a date between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.");
}
