using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Valueweb.Platform.Api;

/// <summary>
/// Reads a JSON body by hand, after the endpoint has decided visibility: a foreign id must answer 404
/// whatever the body, so the body cannot be bound before the object is found.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, FieldErrors? Errors)> ReadAsync<T>(HttpRequest request) where T : class
    {
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        if (!(request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false))
            return (null, new FieldErrors().Add("body", "Send a JSON body with Content-Type: application/json."));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null ? (null, new FieldErrors().Add("body", "Send a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, new FieldErrors().Add(path, "Not a valid value here."));
        }
    }
}
