using FluentValidation;
using FluentValidation.Results;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// The validation step (WolverineFx.FluentValidation is not available here): every endpoint whose request has a
/// registered validator runs it first, and a request that fails it stops with 400 and field errors, before any
/// aggregate is loaded or any event written.
/// </summary>
public sealed class RequestValidationPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.HasRequestType))
        {
            // Every body obeys the text and date rules; a request with a validator obeys it too.
            var validator = typeof(IValidator<>).MakeGenericType(chain.RequestType!);
            var method = container.RegistrationsFor(validator).Any() ? nameof(RequestValidation.Check) : nameof(RequestValidation.CheckShape);

            chain.Metadata.ProducesValidationProblem();
            var check = new MethodCall(typeof(RequestValidation),
                typeof(RequestValidation).GetMethod(method)!.MakeGenericMethod(chain.RequestType!))
            {
                CommentText = "Validate the request body (400 with field errors)"
            };
            chain.Middleware.InsertRange(0, [check, new MaybeEndWithResultFrame(check.ReturnVariable!)]);
        }
    }
}

public static class RequestValidation
{
    public static IResult CheckShape<T>(T request)
    {
        if (request is null)
            return Results.Problem(Problems.Validation(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] }));
        var errors = TextRules.Check(request);
        return errors.Count == 0 ? WolverineContinue.Result() : Results.Problem(Problems.Validation(errors));
    }

    public static async Task<IResult> Check<T>(IValidator<T> validator, T request)
    {
        if (request is null)
            return Results.Problem(Problems.Validation(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] }));

        var errors = TextRules.Check(request);
        var result = await validator.ValidateAsync(request);
        foreach (var (field, messages) in ToErrors(result.Errors))
            errors[field] = errors.TryGetValue(field, out var earlier) ? [.. earlier, .. messages] : messages;
        return errors.Count == 0 ? WolverineContinue.Result() : Results.Problem(Problems.Validation(errors));
    }

    public static Dictionary<string, string[]> ToErrors(IEnumerable<ValidationFailure> failures) =>
        failures.GroupBy(f => FieldName(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());

    /// <summary>"Parties[0].PartyId" becomes "parties[0].partyId", the name the client sent.</summary>
    public static string FieldName(string propertyName) =>
        string.IsNullOrEmpty(propertyName)
            ? "body"
            : string.Join('.', propertyName.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
