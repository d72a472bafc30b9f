using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Identity;

/// <summary>Sign-in, lockout, password reset by e-mailed link, TOTP two-factor, disabled people.</summary>
public sealed partial class AccountTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private async Task<HttpResponseMessage> Login(string email, string password, string? code = null) =>
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email, password, twoFactorCode = code });

    [Fact]
    public async Task Login_answers_an_access_token_and_a_wrong_password_is_refused()
    {
        var ok = await Login(ValuewebFactory.PartnerA, ValuewebFactory.Password);
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("accessToken").GetString().ShouldNotBeNullOrEmpty();
        body.GetProperty("expiresIn").GetInt32().ShouldBeGreaterThan(0);
        (await Login(ValuewebFactory.PartnerA, "wrong-password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Login("nobody@nowhere.example", "wrong-password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_a_reset_link_unlocks_it()
    {
        const string email = "sales@bergmann.demo";
        for (var i = 0; i < 5; i++) (await Login(email, "wrong-password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var locked = await Login(email, ValuewebFactory.Password);
        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().ShouldBe("Locked out");

        var unknown = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset", new { email = "nobody@nowhere.example" });
        var known = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset", new { email });
        unknown.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        known.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await known.Content.ReadAsStringAsync()).ShouldBe(await unknown.Content.ReadAsStringAsync());

        var mail = (await app.EmailsTo(email)).Last();
        var token = ResetToken().Match(mail).Groups[1].Value;
        var bad = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { email, token = token + "x", newPassword = "Another-Passw0rd" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var good = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { email, token, newPassword = "Another-Passw0rd" });
        good.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Login(email, "Another-Passw0rd")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { email, token, newPassword = "Third-Passw0rd!" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Two_factor_sign_in_needs_the_authenticator_code()
    {
        const string email = "marketing@alpenglow.demo";
        var client = await app.ApiAs(email);
        var setup = await (await client.PostAsync("/api/v1/auth/two-factor/setup", null)).Content.ReadFromJsonAsync<JsonElement>();
        var key = setup.GetProperty("sharedKey").GetString()!;
        setup.GetProperty("authenticatorUri").GetString()!.ShouldStartWith("otpauth://totp/");
        (await client.PostAsJsonAsync("/api/v1/auth/two-factor/enable", new { code = "000000" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsJsonAsync("/api/v1/auth/two-factor/enable", new { code = Totp.Code(key, DateTimeOffset.UtcNow) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var withoutCode = await Login(email, ValuewebFactory.Password);
        withoutCode.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await withoutCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("twoFactorCode", out _).ShouldBeTrue();
        (await Login(email, ValuewebFactory.Password, "123456")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Login(email, ValuewebFactory.Password, Totp.Code(key, DateTimeOffset.UtcNow))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_disabled_person_is_refused_on_the_very_next_request()
    {
        const string email = "support@alpenglow.demo";
        var client = await app.ApiAs(email);
        (await client.GetAsync("/api/v1/partners")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var person = await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            System.Linq.Queryable.Where(db.People, p => p.Email == email)));
        var admin = await app.ApiAs(ValuewebFactory.PartnerA);
        var disable = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/people/{person.Id}/disable");
        disable.Headers.TryAddWithoutValidation("If-Match", await app.ETagOf(admin, $"/api/v1/people/{person.Id}"));
        var disabled = await admin.SendAsync(disable);
        disabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/partners")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Login(email, ValuewebFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.OK); // the password is right, but the token it gives is refused
        var competitor = await app.ApiAs(ValuewebFactory.PartnerB);
        (await competitor.PostAsync($"/api/v1/people/{person.Id}/enable", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var enable = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/people/{person.Id}/enable");
        enable.Headers.TryAddWithoutValidation("If-Match", disabled.Headers.ETag!.Tag);
        (await admin.SendAsync(enable)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/partners")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_api_key_is_shown_once_works_with_its_scopes_and_stops_when_revoked()
    {
        var admin = await app.ApiAs(ValuewebFactory.PartnerA);
        var created = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "CRM sync", scopes = new[] { "partners:read" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("key").GetString()!;
        var id = body.GetProperty("id").GetGuid();
        (await admin.GetStringAsync("/api/v1/api-keys")).ShouldNotContain(key);
        var stored = await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            System.Linq.Queryable.Where(Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.ApiKeys), k => k.Id == id)));
        stored.Hash.ShouldNotContain(key);

        var machine = app.Anonymous();
        machine.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var own = await app.OrganisationOf(ValuewebFactory.PartnerA);
        (await machine.GetAsync($"/api/v1/partners/{own}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await machine.GetAsync($"/api/v1/partners/{await app.PartnerIdBySlug("bergmann")}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/partners/{own}") { Content = JsonContent.Create(new { phone = "1" }) };
        patch.Headers.TryAddWithoutValidation("If-Match", "\"v1\"");
        (await machine.SendAsync(patch)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var competitor = await app.ApiAs(ValuewebFactory.PartnerB);
        (await competitor.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await machine.GetAsync($"/api/v1/partners/{own}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_person_sets_time_zone_and_language_with_the_etag()
    {
        var me = await app.ApiAs("sales@alpenglow.demo");
        var read = await me.GetAsync("/api/v1/me");
        var etag = read.Headers.ETag!.Tag;
        var bad = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/me") { Content = JsonContent.Create(new { timeZone = "Mars/Olympus", language = "tlh" }) };
        bad.Headers.TryAddWithoutValidation("If-Match", etag);
        var invalid = await me.SendAsync(bad);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("timeZone", out _).ShouldBeTrue();
        errors.TryGetProperty("language", out _).ShouldBeTrue();
        var good = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/me") { Content = JsonContent.Create(new { timeZone = "Europe/Berlin" }) };
        good.Headers.TryAddWithoutValidation("If-Match", etag);
        var saved = await me.SendAsync(good);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeZone").GetString().ShouldBe("Europe/Berlin");
        var stale = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/me") { Content = JsonContent.Create(new { timeZone = "UTC" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        (await me.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [GeneratedRegex(@"token=([A-Za-z0-9_\-]+)")]
    private static partial Regex ResetToken();
}
