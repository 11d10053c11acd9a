using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Parties;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Parties;

/// <summary>Moves a party into a group (Samsung), or out of any group with an empty <c>group</c>.</summary>
public sealed record ChangePartyGroup(string? Group, long? ExpectedVersion)
{
    public sealed class Validator : AbstractValidator<ChangePartyGroup>
    {
        public Validator() => RuleFor(x => x.Group).MaximumLength(200);
    }
}

public static class ChangePartyGroupEndpoint
{
    [WolverinePost("/api/parties/{id}/group"), Authorize(Policy = Can.RegisterParties)]
    public static (Applied, Events) Post(ChangePartyGroup command, [WriteAggregate] Party party)
    {
        Versioning.Expect(command.ExpectedVersion, party.Version, "Party", party.Id);
        Events events = [.. party.ChangeGroup(command.Group)];
        return (new Applied(party.Id, party.Version + events.Count), events);
    }
}
