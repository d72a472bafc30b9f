using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Onboarding;

/// <summary>
/// Whether an e-mail address belongs to someone in another organisation is nobody else's business: inviting it,
/// or applying with it, answers exactly what a fresh address answers. Only its owner hears about it.
/// </summary>
public sealed partial class ExistingEmailTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    /// <summary>The names and kinds of a JSON object's properties: what a caller could tell two answers apart by.</summary>
    private static string Shape(string json) =>
        string.Join(",", JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => $"{p.Name}:{p.Value.ValueKind}").Order());

    [Fact]
    public async Task Inviting_an_address_of_another_organisation_answers_as_a_fresh_address_does()
    {
        var admin = await app.ApiAs(ValuewebFactory.PartnerC);
        var elsewhere = await admin.PostAsJsonAsync("/api/v1/invitations", new { email = "sales@alpenglow.demo", name = "Someone", role = "PartnerSales" });
        var fresh = await admin.PostAsJsonAsync("/api/v1/invitations", new { email = "fresh-colleague@cobalt.example", name = "Someone", role = "PartnerSales" });

        var elsewhereBody = await elsewhere.Content.ReadAsStringAsync();
        var freshBody = await fresh.Content.ReadAsStringAsync();
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.Created, elsewhereBody);
        fresh.StatusCode.ShouldBe(HttpStatusCode.Created, freshBody);
        Shape(elsewhereBody).ShouldBe(Shape(freshBody));
        elsewhere.Content.Headers.ContentType!.MediaType.ShouldBe(fresh.Content.Headers.ContentType!.MediaType);

        // its owner gets the invitation, and accepting it is refused: the address already has an account elsewhere
        var mail = (await app.EmailsTo("sales@alpenglow.demo")).Last(m => m.Contains("/invitations/", StringComparison.Ordinal));
        var token = InvitationLink().Match(mail).Groups[1].Value;
        var accept = await app.Anonymous().PostAsJsonAsync("/api/v1/invitations/accept", new { token, password = "Another-Passw0rd!" });
        accept.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await accept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("token", out _).ShouldBeTrue();
        var cobalt = await app.OrganisationOf(ValuewebFactory.PartnerC);
        (await app.Db(db => db.People.CountAsync(p => p.Email == "sales@alpenglow.demo"))).ShouldBe(1);
        (await app.Db(db => db.People.AnyAsync(p => p.Email == "sales@alpenglow.demo" && p.OrganisationId == cobalt))).ShouldBeFalse();
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = "sales@alpenglow.demo", password = ValuewebFactory.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.OK, "the existing account is untouched");
    }

    [Fact]
    public async Task Inviting_someone_already_in_ones_own_organisation_is_still_reported()
    {
        var admin = await app.ApiAs(ValuewebFactory.PartnerC);
        var duplicate = await admin.PostAsJsonAsync("/api/v1/invitations", new { email = "sales@cobalt.demo", name = "Again", role = "PartnerSales" });
        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_people_page_invites_an_address_of_another_organisation_as_it_invites_a_fresh_one()
    {
        var page = await PageSession.SignInAsync(app, "admin@bergmann.demo");
        async Task<string> Invite(string email) => await page.SubmitForPageAsync("/people", "invite", new()
        {
            ["Invite.Key"] = Guid.NewGuid().ToString("N"),
            ["Invite.Name"] = "New Colleague",
            ["Invite.Email"] = email,
            ["Invite.Role"] = "PartnerSales",
        });
        var elsewhere = await Invite("support@alpenglow.demo");
        var fresh = await Invite("fresh-colleague@bergmann.example");
        elsewhere.ShouldContain("Invitation sent to support@alpenglow.demo.");
        fresh.ShouldContain("Invitation sent to fresh-colleague@bergmann.example.");
        elsewhere.ShouldNotContain("another organisation");
    }

    private static object Application(string company, string email) => new
    {
        companyName = company,
        website = "https://www.example.com",
        country = "DE",
        city = "Hamburg",
        types = new[] { "reseller" },
        contact = new { name = "Alex Applicant", email },
    };

    [Fact]
    public async Task Applying_with_an_address_that_has_an_account_answers_the_same_receipt_and_tells_only_its_owner()
    {
        var anonymous = app.Anonymous();
        var existing = await anonymous.PostAsJsonAsync("/api/v1/applications", Application("Shadow Copy GmbH", "marketing@bergmann.demo"));
        var fresh = await anonymous.PostAsJsonAsync("/api/v1/applications", Application("Fresh Start GmbH", "alex@fresh-start.example"));
        var existingBody = await existing.Content.ReadAsStringAsync();
        var freshBody = await fresh.Content.ReadAsStringAsync();
        existing.StatusCode.ShouldBe(HttpStatusCode.Created, existingBody);
        fresh.StatusCode.ShouldBe(HttpStatusCode.Created, freshBody);
        Shape(existingBody).ShouldBe(Shape(freshBody));
        var e = JsonDocument.Parse(existingBody).RootElement;
        var f = JsonDocument.Parse(freshBody).RootElement;
        e.GetProperty("status").GetString().ShouldBe(f.GetProperty("status").GetString());
        e.GetProperty("message").GetString().ShouldBe(f.GetProperty("message").GetString());
        existing.Headers.Location!.ToString().ShouldStartWith("/api/v1/applications/");

        // no duplicate company or person; the owner of the address hears of it
        (await app.Db(db => db.Organisations.AnyAsync(o => o.DisplayName == "Shadow Copy GmbH"))).ShouldBeFalse();
        (await app.Db(db => db.Organisations.AnyAsync(o => o.DisplayName == "Fresh Start GmbH"))).ShouldBeTrue();
        (await app.Db(db => db.People.CountAsync(p => p.Email == "marketing@bergmann.demo"))).ShouldBe(1);
        (await app.EmailsTo("marketing@bergmann.demo")).ShouldContain(m => m.Contains("already", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"/invitations/([A-Za-z0-9_\-]+)")]
    private static partial Regex InvitationLink();
}
