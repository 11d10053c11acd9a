using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace LoiTracker.Domain.Commitments;

public enum CommitmentStatus
{
    Proposed,
    Active,
    BreachNoticed,
    Fulfilled,
    Waived,
    Withdrawn,
    CarriedForward,
    Breached,
    NotPerformed
}

/// <summary>How a quantity binds: <c>up-to</c> is a ceiling (utilisation, not risk), the others are targets.</summary>
public enum QuantityKind
{
    [JsonStringEnumMemberName("up-to")] UpTo,
    [JsonStringEnumMemberName("at-least")] AtLeast,
    [JsonStringEnumMemberName("exactly")] Exactly
}

public enum QuantityPer
{
    [JsonStringEnumMemberName("month")] Month,
    [JsonStringEnumMemberName("quarter")] Quarter,
    [JsonStringEnumMemberName("year")] Year,
    [JsonStringEnumMemberName("total")] Total
}

/// <summary>From <see cref="From"/> on, the quantity's amount is <see cref="Amount"/>.</summary>
public sealed record RampStep(DateOnly From, decimal Amount);

/// <summary>A measurable target: up to 900,000 DRAM wafers per month, possibly ramping up over time.</summary>
public sealed record Quantity(decimal Amount, string Unit, QuantityPer Per, QuantityKind Kind, IReadOnlyList<RampStep>? Ramp = null)
{
    /// <summary>The amount that applies on <paramref name="day"/>: the latest ramp step started by then, else the base amount.</summary>
    public decimal AmountOn(DateOnly day) =>
        Ramp?.Where(s => s.From <= day).OrderBy(s => s.From).LastOrDefault()?.Amount ?? Amount;

    /// <summary>The period a day falls in, in the form deliveries are recorded for this quantity; <c>total</c> for a total.</summary>
    public string PeriodOf(DateOnly day) => Per switch
    {
        QuantityPer.Month => $"{day.Year:D4}-{day.Month:D2}",
        QuantityPer.Quarter => $"{day.Year:D4}-Q{(day.Month - 1) / 3 + 1}",
        QuantityPer.Year => $"{day.Year:D4}",
        _ => "total"
    };

    /// <summary>The first day of the period <paramref name="day"/> falls in (the first day there is, for a total).</summary>
    public DateOnly StartOfPeriod(DateOnly day) => Per switch
    {
        QuantityPer.Month => new DateOnly(day.Year, day.Month, 1),
        QuantityPer.Quarter => new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1),
        QuantityPer.Year => new DateOnly(day.Year, 1, 1),
        _ => DateOnly.MinValue
    };

    /// <summary>Whether <paramref name="period"/> is written the way this quantity counts: 2026-03, 2026-Q1, 2026.</summary>
    public bool AcceptsPeriod(string period) => Per switch
    {
        QuantityPer.Month => IsMonth(period),
        QuantityPer.Quarter => Periods.Quarter().IsMatch(period),
        QuantityPer.Year => Periods.Year().IsMatch(period),
        _ => IsMonth(period) || Periods.Quarter().IsMatch(period) || Periods.Year().IsMatch(period)
    };

    private static bool IsMonth(string period) =>
        Periods.Month().IsMatch(period) && int.Parse(period[5..], CultureInfo.InvariantCulture) is >= 1 and <= 12;

    public string PeriodExample => Per switch
    {
        QuantityPer.Month => "a month, such as 2026-03",
        QuantityPer.Quarter => "a quarter, such as 2026-Q1",
        QuantityPer.Year => "a year, such as 2026",
        _ => "a month, quarter or year, such as 2026-03"
    };
}

internal static partial class Periods
{
    [GeneratedRegex(@"^\d{4}-\d{2}$")]
    public static partial Regex Month();

    [GeneratedRegex(@"^\d{4}-Q[1-4]$")]
    public static partial Regex Quarter();

    [GeneratedRegex(@"^\d{4}$")]
    public static partial Regex Year();
}

/// <summary>A money amount with its ISO 4217 currency.</summary>
public sealed record Money(decimal Amount, string Currency);

/// <summary>What a relative due date counts from: a milestone's completion, a condition's satisfaction, or the agreement's signature.</summary>
public sealed record DueAnchor(Guid? MilestoneId, Guid? ConditionId, bool AgreementSigned);

/// <summary>N days after an anchor; the date moves when the anchor does.</summary>
public sealed record RelativeDue(int Days, DueAnchor After);

/// <summary>What a team knows when it records a commitment.</summary>
public sealed record CommitmentTerms(
    IReadOnlyList<Guid> Obligors,
    IReadOnlyList<Guid> Beneficiaries,
    string Workstream,
    string Title,
    string Terms,
    string? ProvisionRef,
    bool Binding,
    Quantity? Quantity,
    Money? Value,
    string? Owner,
    bool BeneficiariesIllustrative = false);
