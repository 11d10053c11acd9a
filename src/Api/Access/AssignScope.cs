using LoiTracker.Domain.Access;

namespace LoiTracker.Api.Access;

/// <summary>
/// An admin limits a user (by its token's subject) to parties and/or agreements, saying why: an event in that user's
/// scope stream, so the audit trail tells who narrowed whose access, when and why. It narrows whatever the identity
/// provider's claims allow; it never widens them.
/// </summary>
public sealed record AssignScope(IReadOnlyList<Guid>? Parties, IReadOnlyList<Guid>? Agreements, string? Reason) : IHaveReason
{
    public sealed class Validator : AbstractValidator<AssignScope>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
            RuleForEach(x => x.Parties).NotEqual(Guid.Empty);
            RuleForEach(x => x.Agreements).NotEqual(Guid.Empty);
            RuleFor(x => x.Parties!.Count + x.Agreements!.Count).LessThanOrEqualTo(500).When(x => x.Parties is not null && x.Agreements is not null)
                .WithMessage("Name at most 500 parties and agreements.");
        }
    }

    public async Task<IReadOnlyList<object>> Decide(UserScope? current, string subject, ICommandContext context)
    {
        foreach (var party in Parties ?? []) await context.KnownParty(party);
        foreach (var agreement in Agreements ?? []) await context.KnownAgreement(agreement);
        return UserScope.Assign(current, subject, Parties ?? [], Agreements ?? [], Reason!);
    }
}

public static class AssignScopeEndpoint
{
    [WolverinePut("/api/users/{subject}/scope"), Authorize(Policy = Can.ManageScopes)]
    [Scoped("admins whose own access is not limited; the parties and agreements named are looked up as any reference")]
    public static async Task<Applied> Put(string subject, AssignScope command, UserScopes scopes) =>
        await scopes.Change(subject, command, (current, context) => command.Decide(current, subject, context));
}
