using System.Net;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Platform;

public sealed class HealthTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task Healthz_answers_ok_once_the_database_is_migrated()
    {
        var response = await app.Anonymous().GetAsync("/healthz");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("ok");
    }

    [Fact]
    public async Task OpenApi_document_is_served_in_every_environment()
    {
        var response = await app.Anonymous().GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("/api/v1/partners");
        body.ShouldContain("securitySchemes");
        body.ShouldContain("application/problem+json");
    }
}
