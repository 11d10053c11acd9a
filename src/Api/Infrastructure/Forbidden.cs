using System.Security.Claims;
using LoiTracker.Api.Auth;

namespace LoiTracker.Api.Infrastructure;

/// <summary>An action whose permission depends on the body (an amendment, a privileged note): 403 when the role may not.</summary>
public sealed class Forbidden(string title) : Exception(title);

public static class Permission
{
    /// <summary>Whether the user's roles allow the action: the same table the authorization policies are built from.</summary>
    public static bool May(this ClaimsPrincipal user, string action) => Can.RolesFor[action].Any(user.IsInRole);

    public static void MustBeAllowedTo(this ClaimsPrincipal user, string action, string title)
    {
        if (!user.May(action)) throw new Forbidden(title);
    }
}
