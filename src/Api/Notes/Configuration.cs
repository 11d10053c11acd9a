using JasperFx.Events.Projections;
using LoiTracker.Projections.Notes;

namespace LoiTracker.Api.Notes;

public static class Configuration
{
    /// <summary>Privileged notes live in streams of their own (ADR 2), read inline by legal and admin only.</summary>
    public static void AddPrivilegedNotes(this StoreOptions options)
    {
        options.Projections.Add<PrivilegedNotesProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<PrivilegedNotesViewProjection>(ProjectionLifecycle.Inline);
    }
}
