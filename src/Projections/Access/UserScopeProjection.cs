using LoiTracker.Domain.Access;
using Marten.Events.Aggregation;

namespace LoiTracker.Projections.Access;

/// <summary>A user's assigned scope, kept inline: what every request of that user reads (through a short cache).</summary>
public partial class UserScopeProjection : SingleStreamProjection<UserScope, Guid>
{
    public UserScopeProjection()
    {
        this.Folds(typeof(UserScope), UserScopeEvents.All);
    }

    public override UserScope? Evolve(UserScope? snapshot, Guid id, IEvent e)
    {
        var current = snapshot ?? e.Data switch
        {
            ScopeAssigned a => UserScope.Start(id, a.Subject),
            ScopeLifted l => UserScope.Start(id, l.Subject),
            _ => null
        };
        return current?.When(e.Data);
    }
}
