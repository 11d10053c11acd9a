using LoiTracker.Domain.Common;
using JasperFx.Events;
using LoiTracker.Domain.Parties;
using LoiTracker.Projections.Common;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Parties;

/// <summary>A party as people read it: name, group, country, and who changed it last.</summary>
public sealed class PartyView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The name folded for uniqueness: two parties cannot share a name up to case and spaces.</summary>
    public string NameKey { get; set; } = "";
    public string? Group { get; set; }
    public string? Country { get; set; }
    public IReadOnlyList<string> FormerNames { get; set; } = [];
    public DateTimeOffset RegisteredAt { get; set; }
    public LastChange? LastChange { get; set; }
}

public partial class PartyViewProjection : SingleStreamProjection<PartyView, Guid>
{
    public PartyViewProjection()
    {
        this.Folds(typeof(Party), PartyEvents.All);
    }

    public override PartyView? Evolve(PartyView? view, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case PartyRegistered registered:
                view = new PartyView
                {
                    Id = registered.PartyId, Name = registered.Name, NameKey = Party.NameKey(registered.Name),
                    Country = registered.Country, RegisteredAt = Provenance.RecordedAt(e)
                };
                break;
            case PartyRenamed renamed when view is not null:
                view.FormerNames = [.. view.FormerNames, renamed.PreviousName];
                view.Name = renamed.Name;
                view.NameKey = Party.NameKey(renamed.Name);
                break;
            case PartyJoinedGroup joined when view is not null:
                view.Group = joined.Group;
                break;
            case PartyLeftGroup when view is not null:
                view.Group = null;
                break;
        }
        if (view is null) return null;
        view.Version = e.Version;
        view.LastChange = LastChange.Of(e);
        return view;
    }
}
