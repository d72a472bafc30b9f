using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Platform;

/// <summary>Sign-in, password reset, the application form and the locator are rate limited per address.</summary>
public sealed class RateLimitTests(RateLimitTests.StrictLimits app) : IClassFixture<RateLimitTests.StrictLimits>
{
    public sealed class StrictLimits : ValuewebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Valueweb:RateLimitScale", "1");
        }
    }

    [Fact]
    public async Task Too_many_sign_in_attempts_get_429_problem()
    {
        var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@nowhere.example", password = "wrong-password" })).StatusCode);
        statuses.Take(20).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses.Skip(20).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        var limited = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@nowhere.example", password = "wrong-password" });
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Password_reset_requests_are_limited_harder()
    {
        var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = "nobody@nowhere.example" })).StatusCode);
        statuses.Take(5).ShouldAllBe(s => s == HttpStatusCode.Accepted);
        statuses.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }
}
