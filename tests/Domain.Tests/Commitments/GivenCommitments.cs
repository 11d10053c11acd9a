using LoiTracker.Domain.Agreements;
using LoiTracker.Domain.Commitments;
using LoiTracker.Domain.Conditions;
using static LoiTracker.Domain.Tests.Given;

namespace LoiTracker.Domain.Tests.Commitments;

/// <summary>Commitments and conditions as the projection folds them: made under an agreement, then changed by their events.</summary>
public static class GivenCommitments
{
    /// <summary>The day the tests decide on: 1 November 2025.</summary>
    public static readonly DateOnly Today = new(2025, 11, 1);

    /// <summary>Up to 900,000 DRAM wafers a month.</summary>
    public static readonly Quantity Wafers = new(900_000m, "DRAM wafers", QuantityPer.Month, QuantityKind.UpTo);

    /// <summary>Samsung Electronics promises OpenAI DRAM wafers.</summary>
    public static CommitmentTerms Terms(bool binding = false, Quantity? quantity = null, string? provisionRef = null,
        Guid[]? obligors = null, Guid[]? beneficiaries = null, string title = "Supply DRAM wafers") =>
        new(obligors ?? [SamsungElectronics], beneficiaries ?? [OpenAi], "Memory supply", title, "Samsung supplies DRAM wafers to OpenAI",
            provisionRef, binding, quantity, null, "jane.kim");

    /// <summary>The commitment that the events of <see cref="Commitment.Make"/> fold into.</summary>
    public static Commitment Made(Agreement agreement, CommitmentTerms? terms = null, params Condition[] conditions) =>
        CommitmentFrom(Commitment.Make(Guid.CreateVersion7(), agreement, terms ?? Terms(), conditions, Names).ToList());

    /// <summary>A commitment under a signed LOI with no conditions: active at once.</summary>
    public static Commitment Active(bool binding = false, Quantity? quantity = null) =>
        Made(SignedLoi(), Terms(binding: binding, quantity: quantity));

    public static Commitment CommitmentFrom(IReadOnlyList<object> events)
    {
        var state = Commitment.From((CommitmentMade)events[0]);
        return state.After(events.Skip(1)) with { Version = events.Count };
    }

    public static Commitment After(this Commitment state, params object[] events) => state.After((IEnumerable<object>)events);

    public static Commitment After(this Commitment state, IEnumerable<object> events)
    {
        var list = events.ToList();
        return list.Aggregate(state, (s, e) => s.When(e)) with { Version = state.Version + list.Count };
    }

    public static Condition Recorded(string title = "Regulatory approval in Korea") =>
        Condition.From((ConditionRecorded)Condition.Record(Guid.CreateVersion7(), title, ConditionKind.RegulatoryApproval, null, null, null, "UTC").First());

    public static Condition Satisfied(string title = "Board approval")
    {
        var open = Recorded(title);
        return open.When(open.Satisfy(Today, null, new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)));
    }

    public static Condition Failed(string title = "Financing")
    {
        var open = Recorded(title);
        return open.When(open.Fail(Today, "The financing fell through", null, new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)));
    }
}
