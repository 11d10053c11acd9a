using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Parties;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Parties;

/// <summary>Moves a party into a group (Samsung), or out of any group with an empty <c>group</c>.</summary>
public sealed record ChangePartyGroup(string? Group, long? ExpectedVersion) : IExpectVersion
{
    public sealed class Validator : AbstractValidator<ChangePartyGroup>
    {
        public Validator() => RuleFor(x => x.Group).MaximumLength(200);
    }
}

public static class ChangePartyGroupEndpoint
{
    [WolverinePost("/api/parties/{id}/group"), Authorize(Policy = Can.RegisterParties)]
    public static Task<Applied> Post(Guid id, ChangePartyGroup command, Writes writes) =>
        writes.On<Party>(id, command, (party, _) => Task.FromResult<IReadOnlyList<object>>([.. party.ChangeGroup(command.Group)]));
}
