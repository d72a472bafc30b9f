using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Onboarding;

/// <summary>A company applies, is approved, joins through its invitation, accepts the agreement and becomes active.</summary>
public sealed partial class OnboardingTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private static object Application(string company, string email) => new
    {
        companyName = company,
        website = "https://www.example.com",
        country = "DE",
        city = "Hamburg",
        types = new[] { "reseller", "systemIntegrator" },
        productLineIds = Array.Empty<Guid>(),
        contact = new { name = "Hanna Applicant", email, phone = "+49 40 1234" },
        message = "We sell cloud in the north.",
    };

    [Fact]
    public async Task From_application_to_active_partner()
    {
        var anonymous = app.Anonymous();
        var applied = await anonymous.PostAsJsonAsync("/api/v1/applications", Application("Nordlicht Cloud GmbH", "hanna@nordlicht.example"));
        applied.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var vendor = await app.ApiAs(ValuewebFactory.ChannelManager);
        var queue = await vendor.GetFromJsonAsync<JsonElement>("/api/v1/partners?status=applied");
        queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(id);

        var etag = await app.ETagOf(vendor, $"/api/v1/partners/{id}");
        var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/partners/{id}/approve") { Content = JsonContent.Create(new { reason = "Good fit" }) };
        approve.Headers.TryAddWithoutValidation("If-Match", etag);
        (await vendor.SendAsync(approve)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var mail = (await app.EmailsTo("hanna@nordlicht.example")).ShouldHaveSingleItem();
        var token = InvitationLink().Match(mail).Groups[1].Value;
        token.ShouldNotBeEmpty();
        (await anonymous.PostAsJsonAsync("/api/v1/invitations/accept", new { token, password = "short" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await anonymous.PostAsJsonAsync("/api/v1/invitations/accept", new { token, password = "Nordlicht-2026!" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await anonymous.PostAsJsonAsync("/api/v1/invitations/accept", new { token, password = "Nordlicht-2026!" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = "hanna@nordlicht.example", password = "Nordlicht-2026!" });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var partner = app.Anonymous();
        partner.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var agreement = await partner.GetFromJsonAsync<JsonElement>("/api/v1/agreement");
        agreement.GetProperty("acceptedByMyCompany").GetBoolean().ShouldBeFalse();
        var version = agreement.GetProperty("version").GetInt32();
        (await partner.PostAsJsonAsync("/api/v1/agreement/accept", new { version = version + 5 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await partner.PostAsJsonAsync("/api/v1/agreement/accept", new { version })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var me = await partner.GetFromJsonAsync<JsonElement>($"/api/v1/partners/{id}");
        me.GetProperty("status").GetString().ShouldBe("Active");
        var history = await partner.GetFromJsonAsync<JsonElement>($"/api/v1/partners/{id}/history");
        history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString())
            .ShouldBe(["partner.activated", "partner.agreementAccepted", "partner.approved", "partner.applied"]);
        var accepted = await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            System.Linq.Queryable.Where(db.AgreementAcceptances, a => a.PartnerId == id)));
        accepted.Version.ShouldBe(version);
    }

    [Fact]
    public async Task The_same_idempotency_key_applies_once()
    {
        var anonymous = app.Anonymous();
        var body = Application("Replay Systems", "rita@replay.example");
        async Task<HttpResponseMessage> Send(object b)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/applications") { Content = JsonContent.Create(b) };
            request.Headers.Add("Idempotency-Key", "apply-replay-1");
            return await anonymous.SendAsync(request);
        }
        var first = await Send(body);
        var second = await Send(body);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        var other = await Send(Application("Replay Systems", "other@replay.example"));
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var count = await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            System.Linq.Queryable.Where(db.Organisations, o => o.DisplayName == "Replay Systems")));
        count.ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_application_names_its_fields_and_changes_nothing()
    {
        var before = await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Organisations));
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/applications", new
        {
            companyName = "",
            country = "XX",
            types = new[] { "wizard" },
            contact = new { name = "N", email = "not-an-email" },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "companyName", "country", "types[0]", "contact.email" })
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        (await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Organisations))).ShouldBe(before);
    }

    [Fact]
    public async Task A_waiting_application_reminds_the_channel_managers_when_overdue()
    {
        var applied = await app.Anonymous().PostAsJsonAsync("/api/v1/applications", Application("Slowpoke Networks", "sam@slowpoke.example"));
        applied.StatusCode.ShouldBe(HttpStatusCode.Created);
        await app.RunJobsAsync();
        (await app.EmailsTo(ValuewebFactory.ChannelManager)).ShouldNotContain(m => m.Contains("Slowpoke", StringComparison.Ordinal));
        app.Clock.Advance(TimeSpan.FromDays(6));
        await app.RunJobsAsync();
        (await app.EmailsTo(ValuewebFactory.ChannelManager)).ShouldContain(m => m.Contains("Slowpoke", StringComparison.Ordinal));
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var notes = await cm.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        notes.GetProperty("unread").GetInt32().ShouldBeGreaterThan(0);
        notes.GetProperty("items").EnumerateArray().ShouldContain(n => n.GetProperty("title").GetString()!.Contains("Slowpoke"));
    }

    [Fact]
    public async Task A_partner_admin_invites_a_colleague_who_joins_that_company_only()
    {
        var admin = await app.ApiAs(ValuewebFactory.PartnerC);
        var bad = await admin.PostAsJsonAsync("/api/v1/invitations", new { email = "new@cobalt.example", name = "Nina", role = "VendorAdmin" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var foreign = await admin.PostAsJsonAsync("/api/v1/invitations", new { email = "x@cobalt.example", name = "X", role = "PartnerSales", organisationId = await app.PartnerIdBySlug("alpenglow") });
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var invited = await admin.PostAsJsonAsync("/api/v1/invitations", new { email = "nina@cobalt.example", name = "Nina Neu", role = "PartnerSales" });
        invited.StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = InvitationLink().Match((await app.EmailsTo("nina@cobalt.example")).ShouldHaveSingleItem()).Groups[1].Value;
        (await app.Anonymous().PostAsJsonAsync("/api/v1/invitations/accept", new { token, password = ValuewebFactory.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var nina = await app.ApiAs("nina@cobalt.example");
        var people = await nina.GetFromJsonAsync<JsonElement>("/api/v1/people?limit=100");
        var orgs = people.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("organisationId").GetGuid()).Distinct().ToList();
        orgs.ShouldBe([await app.OrganisationOf(ValuewebFactory.PartnerC)]);
        people.GetProperty("items").EnumerateArray().ShouldContain(p => p.GetProperty("email").GetString() == "nina@cobalt.example" && p.GetProperty("role").GetString() == "PartnerSales");
    }

    [Fact]
    public async Task Publishing_an_agreement_with_a_review_date_reminds_the_vendor_admins_two_weeks_before()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var due = app.Clock.GetUtcNow().AddDays(30);
        var published = await admin.PostAsJsonAsync("/api/v1/program/agreements", new { title = "Program Agreement 2027", text = "Terms.", reviewDueAt = due });
        published.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32().ShouldBe(2);
        await app.RunJobsAsync();
        (await app.EmailsTo(ValuewebFactory.VendorAdmin)).ShouldNotContain(m => m.Contains("Program Agreement 2027", StringComparison.Ordinal));
        app.Clock.Advance(TimeSpan.FromDays(17));
        await app.RunJobsAsync();
        (await app.EmailsTo(ValuewebFactory.VendorAdmin)).ShouldContain(m => m.Contains("Program Agreement 2027", StringComparison.Ordinal));
        var partner = await app.ApiAs(ValuewebFactory.PartnerA);
        var current = await partner.GetFromJsonAsync<JsonElement>("/api/v1/agreement");
        current.GetProperty("version").GetInt32().ShouldBe(2);
        current.GetProperty("acceptedByMyCompany").GetBoolean().ShouldBeFalse();
    }

    [GeneratedRegex(@"/invitations/([A-Za-z0-9_\-]+)")]
    private static partial Regex InvitationLink();
}
