using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Valueweb.Platform.Api;

/// <summary>Rate limits per remote address for sign-in, password reset, the public application form and the locator.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string PasswordReset = "password-reset";
    public const string Application = "application";
    public const string Locator = "locator";

    public static IServiceCollection AddValuewebRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var scale = configuration.GetValue("Valueweb:RateLimitScale", 1);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "application/problem+json";
                await context.HttpContext.Response.WriteAsJsonAsync(new
                {
                    type = "https://tools.ietf.org/html/rfc6585#section-4",
                    title = "Too many requests",
                    status = 429,
                    detail = "Slow down and try again in a minute.",
                }, ct);
            };
            Add(o, SignIn, 20 * scale);
            Add(o, PasswordReset, 5 * scale);
            Add(o, Application, 10 * scale);
            Add(o, Locator, 120 * scale);
        });
        return services;
    }

    private static void Add(RateLimiterOptions o, string name, int perMinute) =>
        o.AddPolicy(name, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
}
