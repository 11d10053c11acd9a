using System.Reflection;
using FluentValidation.Validators;

namespace LoiTracker.Api.Infrastructure.OpenApi;

/// <summary>
/// What a request must carry, read off the validators the Api runs (RequestValidation): a property is required
/// when a rule refuses it missing (NotNull, NotEmpty) without a condition, and its length is bounded by the
/// unconditional length rules. Request records keep every property nullable so the validator can name what is
/// missing; without this the document would call everything optional, or everything required and nullable.
/// </summary>
public sealed class InputRules(IServiceProvider services)
{
    public sealed record Rules(HashSet<string> Required, Dictionary<string, (int? Min, int? Max)> Lengths);

    private readonly Dictionary<Type, Rules> _byType = [];
    private readonly HashSet<(Type, IValidator)> _learnt = [];

    /// <summary>The rules for <paramref name="type"/>, by C# property name; none when no validator looks at it.</summary>
    public Rules For(Type type) => _byType.TryGetValue(type, out var rules) ? rules : new Rules([], []);

    /// <summary>Learns the rules of the validator the Api registered for a request type, and of its child validators.</summary>
    public void LearnRequest(Type requestType)
    {
        if (services.GetService(typeof(IValidator<>).MakeGenericType(requestType)) is IValidator validator)
            Learn(requestType, validator);
    }

    private void Learn(Type type, IValidator validator)
    {
        if (!_learnt.Add((type, validator))) return;
        if (!_byType.TryGetValue(type, out var rules)) _byType[type] = rules = new Rules([], []);

        foreach (var rule in validator.CreateDescriptor().Rules)
        {
            var each = IsRuleForEach(rule);
            foreach (var component in rule.Components)
            {
                var always = !rule.HasCondition && !rule.HasAsyncCondition && !component.HasCondition && !component.HasAsyncCondition;
                var name = rule.PropertyName;
                switch (component.Validator)
                {
                    case IChildValidatorAdaptor when ChildOf(component.Validator) is { } child:
                        // Conditions on the parent decide whether the child is checked, not what the child must carry.
                        Learn(ElementOf(rule.TypeToValidate, each), child);
                        break;
                    case INotNullValidator when always && !each && !string.IsNullOrEmpty(name):
                        rules.Required.Add(name);
                        break;
                    case INotEmptyValidator when always && !each && !string.IsNullOrEmpty(name):
                        rules.Required.Add(name);
                        Bound(rules, name, 1, null);
                        break;
                    case ILengthValidator length when always && !each && !string.IsNullOrEmpty(name):
                        Bound(rules, name, length.Min > 0 ? length.Min : null, length.Max > 0 ? length.Max : null);
                        break;
                }
            }
        }
    }

    private static void Bound(Rules rules, string name, int? min, int? max)
    {
        var (oldMin, oldMax) = rules.Lengths.GetValueOrDefault(name);
        rules.Lengths[name] = (min ?? oldMin, max ?? oldMax);
    }

    private static bool IsRuleForEach(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    private static Type ElementOf(Type type, bool each)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!each || type == typeof(string)) return type;
        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0] ?? type;
    }

    /// <summary>The validator a <c>SetValidator</c> or <c>ChildRules</c> wraps, when it is one instance rather than chosen per value.</summary>
    private static IValidator? ChildOf(object adaptor)
    {
        const BindingFlags instance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        for (var type = adaptor.GetType(); type is not null; type = type.BaseType)
            if (type.GetField("_validator", instance)?.GetValue(adaptor) is IValidator validator)
                return validator;
        return null;
    }
}
