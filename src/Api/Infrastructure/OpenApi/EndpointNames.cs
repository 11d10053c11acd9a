using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;

namespace LoiTracker.Api.Infrastructure.OpenApi;

/// <summary>
/// Names in the domain's words, read off the endpoint itself: <c>SignAgreementEndpoint.Post</c> is the operation
/// <c>signAgreement</c> ("Sign agreement") in the tag of its feature folder (<c>Agreements</c>). A class with several
/// endpoints names each by its method. An explicit <c>OperationId</c> or <c>[Tags]</c> on the endpoint wins.
/// </summary>
public static partial class EndpointNames
{
    private static readonly string[] Verbs = ["Get", "Post", "Put", "Patch", "Delete"];

    public static MethodInfo? HandlerOf(ApiDescription description) => description.ActionDescriptor switch
    {
        ControllerActionDescriptor controller => controller.MethodInfo,
        var other => other.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault()
    };

    public static string? OperationId(ApiDescription description)
    {
        if (description.ActionDescriptor.EndpointMetadata.OfType<EndpointNameMetadata>().LastOrDefault() is { } explicitName)
            return explicitName.EndpointName;
        if (HandlerOf(description) is not { DeclaringType: { } type } method) return null;

        var use = Use(type);
        var endpoints = type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Count(m => m.GetCustomAttributes<WolverineHttpMethodAttribute>().Any());
        var name = endpoints <= 1 ? use : Verbs.Contains(method.Name) ? use + method.Name : method.Name;
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>"signAgreement" reads "Sign agreement".</summary>
    public static string Summary(string operationId)
    {
        var words = Words().Split(operationId).Where(w => w.Length > 0).Select(w => w.ToLowerInvariant()).ToList();
        var sentence = string.Join(' ', words);
        return sentence.Length == 0 ? operationId : char.ToUpperInvariant(sentence[0]) + sentence[1..];
    }

    /// <summary>The feature folder: <c>LoiTracker.Api.Agreements</c> is <c>Agreements</c>.</summary>
    public static string? Feature(ApiDescription description)
    {
        if (description.ActionDescriptor.EndpointMetadata.OfType<TagsAttribute>().LastOrDefault() is { Tags.Count: > 0 } tags)
            return tags.Tags[0];
        return HandlerOf(description)?.DeclaringType?.Namespace?.Split('.')[^1];
    }

    /// <summary>What the feature is for: the <c>[Description]</c> on the feature's <c>Configuration</c> class.</summary>
    public static string? FeatureDescription(Assembly assembly, string feature) =>
        assembly.GetTypes().FirstOrDefault(t => t.Name == "Configuration" && t.Namespace?.Split('.')[^1] == feature)
            ?.GetCustomAttribute<DescriptionAttribute>()?.Description;

    private static string Use(Type type)
    {
        var name = type.Name;
        foreach (var suffix in new[] { "Endpoints", "Endpoint" })
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length) return name[..^suffix.Length];
        return name;
    }

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])|[-_ ]")]
    private static partial Regex Words();
}
