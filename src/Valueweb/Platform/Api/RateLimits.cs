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
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "Slow down and try again in a minute.",
                    },
                });
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
