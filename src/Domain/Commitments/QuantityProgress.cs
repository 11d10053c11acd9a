namespace LoiTracker.Domain.Commitments;

/// <summary>
/// Deliveries against a quantity in one period (in the agreement's zone): utilisation for an <c>up-to</c> quantity,
/// the shortfall for <c>at-least</c> and <c>exactly</c> (an <c>up-to</c> quantity shows utilisation, never a shortfall).
/// </summary>
public sealed record QuantityProgress(decimal Amount, string Unit, QuantityPer Per, QuantityKind Kind, IReadOnlyList<RampStep>? Ramp,
    string Period, decimal Delivered, decimal DeliveredTotal, decimal? Utilisation, decimal? Shortfall)
{
    /// <summary>Progress in the period <paramref name="today"/> falls in.</summary>
    public static QuantityProgress Of(Quantity quantity, IReadOnlyDictionary<string, decimal> deliveredByPeriod, decimal deliveredTotal,
        DateOnly today) => In(quantity, quantity.PeriodOf(today), quantity.AmountOn(today), deliveredByPeriod, deliveredTotal);

    /// <summary>
    /// The last period that has ended before <paramref name="today"/> and began on or after <paramref name="countingFrom"/>
    /// (when the commitment became active): the one a shortfall is judged on. None for a total, which never ends.
    /// </summary>
    public static QuantityProgress? InLastCompletePeriod(Quantity quantity, IReadOnlyDictionary<string, decimal> deliveredByPeriod,
        decimal deliveredTotal, DateOnly today, DateOnly countingFrom)
    {
        if (quantity.Per == QuantityPer.Total) return null;
        var startOfThisPeriod = quantity.StartOfPeriod(today);
        if (startOfThisPeriod.DayNumber == DateOnly.MinValue.DayNumber) return null;
        var lastDayOfPrevious = startOfThisPeriod.AddDays(-1);
        if (quantity.StartOfPeriod(lastDayOfPrevious) < countingFrom) return null;
        return In(quantity, quantity.PeriodOf(lastDayOfPrevious), quantity.AmountOn(lastDayOfPrevious), deliveredByPeriod, deliveredTotal);
    }

    private static QuantityProgress In(Quantity quantity, string period, decimal amount, IReadOnlyDictionary<string, decimal> byPeriod,
        decimal total)
    {
        var delivered = quantity.Per == QuantityPer.Total ? total : byPeriod.GetValueOrDefault(period);
        var upTo = quantity.Kind == QuantityKind.UpTo;
        return new QuantityProgress(amount, quantity.Unit, quantity.Per, quantity.Kind, quantity.Ramp, period, delivered, total,
            upTo && amount > 0 ? Math.Round(delivered / amount, 4) : null,
            upTo ? null : Math.Max(0, amount - delivered));
    }
}
