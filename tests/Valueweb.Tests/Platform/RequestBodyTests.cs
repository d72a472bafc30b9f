using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Platform;

/// <summary>
/// Every body is read by the endpoint itself, after it decided visibility: malformed or mistyped JSON answers a
/// problem naming the field (never a bare 400), a foreign or missing id answers 404 whatever the body.
/// </summary>
public sealed class RequestBodyTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private static HttpRequestMessage Json(HttpMethod method, string url, string json, string? etag = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    private static async Task NamesFieldAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", text);
        JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"{field} in {text}");
    }

    [Fact]
    public async Task Mistyped_fields_are_named_on_every_endpoint_that_takes_a_body()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var partner = await app.ApiAs(ValuewebFactory.PartnerA);
        var anonymous = app.Anonymous();
        var line = await app.Db(db => db.ProductLines.OrderBy(l => l.Code).Select(l => new { l.Id, l.Version }).FirstAsync());

        await NamesFieldAsync(await anonymous.SendAsync(Json(HttpMethod.Post, "/api/v1/applications", """{"companyName": 5}""")), "companyName");
        await NamesFieldAsync(await anonymous.SendAsync(Json(HttpMethod.Post, "/api/v1/invitations/accept", """{"token": 5, "password": "x"}""")), "token");
        await NamesFieldAsync(await partner.SendAsync(Json(HttpMethod.Post, "/api/v1/invitations", """{"email": "a@b.example", "name": "N", "role": 99}""")), "role");
        await NamesFieldAsync(await partner.SendAsync(Json(HttpMethod.Post, "/api/v1/api-keys", """{"name": "k", "scopes": "partners:read"}""")), "scopes");
        await NamesFieldAsync(await partner.SendAsync(Json(HttpMethod.Patch, "/api/v1/me", """{"timeZone": 5}""", await app.ETagOf(partner, "/api/v1/me"))), "timeZone");
        await NamesFieldAsync(await partner.SendAsync(Json(HttpMethod.Post, "/api/v1/agreement/accept", """{"version": "two"}""")), "version");
        await NamesFieldAsync(await admin.SendAsync(Json(HttpMethod.Patch, "/api/v1/program", """{"applicationReviewDays": "soon"}""",
            await app.ETagOf(admin, "/api/v1/program"))), "applicationReviewDays");
        await NamesFieldAsync(await admin.SendAsync(Json(HttpMethod.Post, "/api/v1/product-lines", """{"code": "X1", "name": "X", "active": "maybe"}""")), "active");
        await NamesFieldAsync(await admin.SendAsync(Json(HttpMethod.Patch, $"/api/v1/product-lines/{line.Id}", """{"active": "maybe"}""", $"\"v{line.Version}\"")), "active");
        await NamesFieldAsync(await admin.SendAsync(Json(HttpMethod.Post, "/api/v1/program/agreements", """{"title": "T", "text": "Terms", "reviewDueAt": "soon"}""")), "reviewDueAt");
        await NamesFieldAsync(await anonymous.SendAsync(Json(HttpMethod.Post, "/api/v1/auth/password-reset", """{"email": 5}""")), "email");
        await NamesFieldAsync(await anonymous.SendAsync(Json(HttpMethod.Post, "/api/v1/auth/password-reset/confirm", """{"email": "a@b.example", "token": 5}""")), "token");
        await NamesFieldAsync(await partner.SendAsync(Json(HttpMethod.Post, "/api/v1/auth/two-factor/enable", """{"code": 123456}""")), "code");
        await NamesFieldAsync(await anonymous.SendAsync(Json(HttpMethod.Post, "/api/v1/auth/login", """{"email": ["a@b.example"], "password": "x"}""")), "email");

        // malformed JSON is a problem naming where it broke (or the body), not a bare 400
        await NamesFieldAsync(await partner.SendAsync(Json(HttpMethod.Post, "/api/v1/api-keys", "{\"name\": ")), "name");
        await NamesFieldAsync(await anonymous.SendAsync(Json(HttpMethod.Post, "/api/v1/applications", "not json")), "body");
    }

    [Fact]
    public async Task Visibility_comes_before_the_body()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var missing = Guid.CreateVersion7();
        (await admin.SendAsync(Json(HttpMethod.Patch, $"/api/v1/product-lines/{missing}", "{not json"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.SendAsync(Json(HttpMethod.Patch, $"/api/v1/product-lines/{missing}", """{"active": "maybe"}""", "\"v1\""))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var partner = await app.ApiAs(ValuewebFactory.PartnerA);
        var competitor = await app.PartnerIdBySlug("bergmann");
        (await partner.SendAsync(Json(HttpMethod.Post, "/api/v1/invitations", $$"""{"email": "x@y.example", "name": "X", "role": "PartnerSales", "organisationId": "{{competitor}}"}""")))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var line = await app.Db(db => db.ProductLines.OrderBy(l => l.Code).Select(l => l.Id).FirstAsync());
        (await admin.SendAsync(Json(HttpMethod.Patch, $"/api/v1/product-lines/{line}", "{not json"))).StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
    }

    [Theory]
    [InlineData("\"99\"")]
    [InlineData("99")]
    [InlineData("\"PartnerAdmin, PartnerSales\"")]
    [InlineData("\"VendorAdmin\"")]
    public async Task A_role_that_is_not_one_of_the_organisations_roles_is_refused_and_nothing_is_stored(string role)
    {
        var partner = await app.ApiAs(ValuewebFactory.PartnerA);
        var email = $"role-{Guid.NewGuid():N}@alpenglow.example";
        var response = await partner.SendAsync(Json(HttpMethod.Post, "/api/v1/invitations", $$"""{"email": "{{email}}", "name": "N", "role": {{role}}}"""));
        await NamesFieldAsync(response, "role");
        (await app.Db(db => db.Invitations.AnyAsync(i => i.Email == email))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_people_page_refuses_a_role_that_is_a_number()
    {
        var page = await PageSession.SignInAsync(app, ValuewebFactory.PartnerB);
        var text = await page.SubmitForPageAsync("/people", "invite", new()
        {
            ["Invite.Key"] = Guid.NewGuid().ToString("N"),
            ["Invite.Name"] = "Numbered",
            ["Invite.Email"] = "numbered@bergmann.example",
            ["Invite.Role"] = "99",
        });
        text.ShouldNotContain("Invitation sent");
        (await app.Db(db => db.Invitations.AnyAsync(i => i.Email == "numbered@bergmann.example"))).ShouldBeFalse();
    }
}
