namespace LoiTracker.Domain.Common;

/// <summary>
/// A value typed as a string that is one of a closed set: an enum's wire names, or a catalogue's static <c>All</c>
/// (the derived agreement statuses, say). Readers of the contract (the OpenAPI document) learn the set from here.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OneOfAttribute(Type values) : Attribute
{
    public Type Values { get; } = values;
}
