using System.Globalization;
using FluentValidation;
using LoiTracker.Api.Auth;
using LoiTracker.Api.Infrastructure;
using LoiTracker.Domain.Common;
using LoiTracker.Domain.Parties;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace LoiTracker.Api.Parties;

/// <summary>Registers a legal entity (OpenAI, Samsung SDS...), optionally in a group (Samsung), with its ISO 3166 country.</summary>
public sealed record RegisterParty(string? Name, string? Group, string? Country)
{
    public sealed class Validator : AbstractValidator<RegisterParty>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Group).MaximumLength(200);
            RuleFor(x => x.Country).Must(IsCountryCode!).When(x => !string.IsNullOrEmpty(x.Country))
                .WithMessage("Use an ISO 3166 two-letter country code, such as KR or US.");
        }
    }

    public async Task<IReadOnlyList<object>> Decide(Guid id, ICommandContext context)
    {
        if (await context.PartyNameTaken(Name!))
            throw new RuleViolation("party-name-taken", $"A party named '{Name!.Trim()}' is already registered");
        return [.. Party.Register(id, Name!, Group, Country?.ToUpperInvariant())];
    }

    private static readonly HashSet<string> Countries = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => new RegionInfo(c.Name).TwoLetterISORegionName).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsCountryCode(string code) => code.Length == 2 && code.All(char.IsAsciiLetter) && Countries.Contains(code);
}

public static class RegisterPartyEndpoint
{
    [WolverinePost("/api/parties"), Authorize(Policy = Can.RegisterParties)]
    [Access.Scoped("creation checked by the write path: scoped users register no parties (NewRecords)")]
    public static Task<Created> Post(RegisterParty command, Writes writes)
    {
        var id = Ids.New();
        return writes.Start<Party>(id, command, $"/api/parties/{id}", context => command.Decide(id, context));
    }
}
