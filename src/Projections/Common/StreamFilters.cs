using JasperFx.Events.Projections;

namespace LoiTracker.Projections.Common;

public static class StreamFilters
{
    /// <summary>
    /// Folds only these event types, from streams of this aggregate: without the list every inline projection would
    /// load its document for every stream's events (docs/adr/0010-the-delivery-command-path.md).
    /// </summary>
    public static void Folds(this IEventFilterable projection, Type streamType, IEnumerable<Type> eventTypes)
    {
        projection.FilterIncomingEventsOnStreamType(streamType);
        foreach (var type in eventTypes) projection.IncludeType(type);
    }
}
