using Microsoft.AspNetCore.Authorization;

namespace LoiTracker.Api.Auth;

public static class Roles
{
    public const string Viewer = "viewer";
    public const string Editor = "editor";
    public const string Legal = "legal";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly string[] All = [Viewer, Editor, Legal, Auditor, Admin];
}

/// <summary>
/// One authorization policy per action, and the roles that may take it: api.md's role table, in one place.
/// Endpoints name the action (<c>[Authorize(Policy = Can.Sign)]</c>), never a role.
/// </summary>
public static class Can
{
    // viewer: every read
    public const string Read = "read";
    // editor: the partnership team's daily work
    public const string RegisterParties = "register-parties";
    public const string DraftAgreements = "draft-agreements";
    public const string AddNotes = "add-notes";
    public const string MakeCommitments = "make-commitments";
    public const string PlanMilestones = "plan-milestones";
    public const string RecordDeliveries = "record-deliveries";
    public const string DeclareDependencies = "declare-dependencies";
    public const string RecordConditions = "record-conditions";
    public const string AssignOwners = "assign-owners";
    public const string Fulfil = "fulfil";
    public const string AcknowledgeAlerts = "acknowledge-alerts";
    /// <summary>Create, list and revoke one's own calendar feed tokens (ADR 20).</summary>
    public const string OwnFeedTokens = "own-feed-tokens";
    // legal: what binds or ends an agreement
    public const string RecordProvisions = "record-provisions";
    public const string SetKeyDates = "set-key-dates";
    public const string Sign = "sign";
    public const string Amend = "amend";
    public const string Supersede = "supersede";
    public const string Terminate = "terminate";
    public const string Abandon = "abandon";
    public const string AddPrivilegedNotes = "add-privileged-notes";
    public const string ReadPrivilegedNotes = "read-privileged-notes";
    public const string NoticeBreach = "notice-breach";
    public const string CureBreach = "cure-breach";
    public const string ConfirmBreach = "confirm-breach";
    public const string RecordNotPerformed = "record-not-performed";
    public const string Waive = "waive";
    public const string Withdraw = "withdraw";
    public const string CarryForward = "carry-forward";
    public const string Import = "import";
    // auditor
    public const string Audit = "audit";
    // admin
    public const string ManageWebhooks = "manage-webhooks";
    /// <summary>Limit a user to parties or agreements, or lift that limit (ADR 16).</summary>
    public const string ManageScopes = "manage-scopes";

    private static readonly string[] Everyone = Roles.All;
    private static readonly string[] Editors = [Roles.Editor, Roles.Legal, Roles.Admin];
    private static readonly string[] Lawyers = [Roles.Legal, Roles.Admin];

    public static readonly IReadOnlyDictionary<string, string[]> RolesFor = new Dictionary<string, string[]>
    {
        [Read] = Everyone,
        [RegisterParties] = Editors,
        [DraftAgreements] = Editors,
        [AddNotes] = Editors,
        [MakeCommitments] = Editors,
        [PlanMilestones] = Editors,
        [RecordDeliveries] = Editors,
        [DeclareDependencies] = Editors,
        [RecordConditions] = Editors,
        [AssignOwners] = Editors,
        [Fulfil] = Editors,
        [AcknowledgeAlerts] = Editors,
        [OwnFeedTokens] = Editors,
        [RecordProvisions] = Lawyers,
        [SetKeyDates] = Lawyers,
        [Sign] = Lawyers,
        [Amend] = Lawyers,
        [Supersede] = Lawyers,
        [Terminate] = Lawyers,
        [Abandon] = Lawyers,
        [AddPrivilegedNotes] = Lawyers,
        [ReadPrivilegedNotes] = Lawyers,
        [NoticeBreach] = Lawyers,
        [CureBreach] = Lawyers,
        [ConfirmBreach] = Lawyers,
        [RecordNotPerformed] = Lawyers,
        [Waive] = Lawyers,
        [Withdraw] = Lawyers,
        [CarryForward] = Lawyers,
        [Import] = Lawyers,
        [Audit] = [Roles.Auditor, Roles.Admin],
        [ManageWebhooks] = [Roles.Admin],
        [ManageScopes] = [Roles.Admin],
    };

    public static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var (action, roles) in RolesFor)
            options.AddPolicy(action, policy => policy.RequireAuthenticatedUser().RequireRole(roles));
    }
}
