using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Valueweb.Platform.Api;

/// <summary>RFC 9457 answers. A missing object and one the caller may not see get the very same answer.</summary>
public static class Problems
{
    public static IServiceCollection AddValuewebProblems(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.Remove("exception");
            c.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? c.HttpContext.TraceIdentifier;
        });

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "There is no such object, or it is not yours to see.");

    public static ProblemHttpResult PreconditionFailed() =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed by someone else",
            detail: "The object was changed since you read it: read it again and reapply your change.");

    public static ProblemHttpResult PreconditionRequired() =>
        TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
            detail: "Send the ETag you read in an If-Match header, so that no one's change is overwritten.");

    public static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request has invalid fields");

    public static ValidationProblem Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));
}

/// <summary>Field errors keyed by their JSON path ("customer.name").</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public FieldErrors Require(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "Required.");
        else if (value.Length > maxLength) Add(field, $"At most {maxLength} characters.");
        return this;
    }

    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public IReadOnlyDictionary<string, List<string>> All => errors;
}
