using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Parties;
using LoiTracker.Projections.Parties;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace LoiTracker.Api.Parties;

public sealed record RegisterParty(string? Name, string? Group, string? Country)
{
    public sealed class Validator : AbstractValidator<RegisterParty>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Group).MaximumLength(200);
            RuleFor(x => x.Country).Must(PartyRules.IsCountryCode!).When(x => !string.IsNullOrEmpty(x.Country))
                .WithMessage("Use an ISO 3166 two-letter country code, such as KR or US.");
        }
    }
}

public static class RegisterPartyEndpoint
{
    [WolverinePost("/api/parties"), Authorize(Policy = Can.RegisterParties)]
    public static async Task<(Created, IStartStream)> Post(RegisterParty command, IQuerySession session, CancellationToken token)
    {
        await PartyRules.NameMustBeFree(session, command.Name!, token);
        var id = Ids.New();
        var events = Party.Register(id, command.Name!, command.Group, command.Country?.ToUpperInvariant()).ToArray();
        return (new Created(id, events.Length, $"/api/parties/{id}"), MartenOps.StartStream<Party>(id, events));
    }
}

public static class PartyRules
{
    public static bool IsCountryCode(string code) =>
        code.Length == 2 && code.All(char.IsAsciiLetter) &&
        System.Globalization.CultureInfo.GetCultures(System.Globalization.CultureTypes.SpecificCultures)
            .Any(c => string.Equals(new System.Globalization.RegionInfo(c.Name).TwoLetterISORegionName, code, StringComparison.OrdinalIgnoreCase));

    public static async Task NameMustBeFree(IQuerySession session, string name, CancellationToken token)
    {
        var key = Party.NameKey(name);
        if (await session.Query<PartyView>().AnyAsync(p => p.NameKey == key, token))
            throw new RuleViolation("party-name-taken", $"A party named '{name.Trim()}' is already registered");
    }
}
