using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoiTracker.Api.Infrastructure;

/// <summary>JSON as api.md fixes it: camelCase, enums by name, dates as dates, instants as RFC 3339 UTC.</summary>
public static class Json
{
    /// <summary>The options configured once, for code that writes the API's JSON itself (stored answers, exports, diffs).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.Converters.Add(new UtcInstantConverter());
    }

    /// <summary>Instants travel in UTC with a Z, whatever offset they were recorded with.</summary>
    private sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
