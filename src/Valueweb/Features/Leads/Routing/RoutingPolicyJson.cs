using System.Text.Json;
using System.Text.Json.Serialization;

namespace Valueweb.Features.Leads.Routing;

/// <summary>
/// The JSON form of routing policies and decisions: camelCase names, enums as camelCase strings
/// (<c>"territory"</c>, <c>"vendorQueue"</c>), no integers for enums.
/// </summary>
public static class RoutingPolicyJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string ToJson(RoutingPolicy policy) => JsonSerializer.Serialize(policy, Options);

    /// <summary>
    /// Reads a policy and validates it. Malformed JSON or a value of the wrong type gives one error named by the
    /// field where reading stopped (<c>steps[2].kind</c>); otherwise the errors are those of <see cref="RoutingPolicy.Validate"/>.
    /// The policy is returned only when there are no errors.
    /// </summary>
    public static (RoutingPolicy? Policy, IReadOnlyList<RoutingPolicyError> Errors) Parse(string json)
    {
        RoutingPolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize<RoutingPolicy>(json, Options);
        }
        catch (JsonException e)
        {
            return (null, [new RoutingPolicyError(FieldOf(e.Path), "Not readable here: check the value's type and spelling.")]);
        }
        if (policy is null) return (null, [new RoutingPolicyError("", "A policy object is required.")]);
        var errors = policy.Validate();
        return errors.Count == 0 ? (policy, errors) : (null, errors);
    }

    /// <summary>The JSON name of a step kind ("productLine").</summary>
    public static string Name(RoutingStepKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "";
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
