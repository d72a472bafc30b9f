using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Organisations;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Organisations;

/// <summary>Disabling and enabling people states the wanted status and the version seen: a stale tab or request changes nothing.</summary>
public sealed class PersonStatusTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private Task<Guid> PersonId(string email) => app.Db(db => db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync());

    private Task<PersonStatus> StatusOf(string email) => app.Db(db => db.People.Where(p => p.Email == email).Select(p => p.Status).SingleAsync());

    private static HttpRequestMessage Post(string url, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    [Fact]
    public async Task The_api_needs_the_etag_of_the_person_to_disable_or_enable()
    {
        const string email = "support@alpenglow.demo";
        var id = await PersonId(email);
        var admin = await app.ApiAs(ValuewebFactory.PartnerA);
        var read = await admin.GetAsync($"/api/v1/people/{id}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString().ShouldBe(email);
        var etag = read.Headers.ETag!.Tag;

        (await admin.SendAsync(Post($"/api/v1/people/{id}/disable", null))).StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        (await admin.SendAsync(Post($"/api/v1/people/{id}/disable", "\"v999\""))).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await StatusOf(email)).ShouldBe(PersonStatus.Active);

        var disabled = await admin.SendAsync(Post($"/api/v1/people/{id}/disable", etag));
        disabled.StatusCode.ShouldBe(HttpStatusCode.OK, await disabled.Content.ReadAsStringAsync());
        (await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("Disabled");
        disabled.Headers.ETag!.Tag.ShouldNotBe(etag);
        (await admin.SendAsync(Post($"/api/v1/people/{id}/enable", etag))).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, "the ETag read before the change is stale");
        (await StatusOf(email)).ShouldBe(PersonStatus.Disabled);
        (await admin.SendAsync(Post($"/api/v1/people/{id}/enable", disabled.Headers.ETag.Tag))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StatusOf(email)).ShouldBe(PersonStatus.Active);

        // a competitor's admin gets what a missing person gets, whatever the headers
        var competitor = await app.ApiAs(ValuewebFactory.PartnerB);
        (await competitor.GetAsync($"/api/v1/people/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await competitor.SendAsync(Post($"/api/v1/people/{id}/disable", null))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await competitor.SendAsync(Post($"/api/v1/people/{Guid.CreateVersion7()}/disable", null))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string FormOf(string html, string formName)
    {
        var start = html.IndexOf($"value=\"{formName}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, formName);
        return html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task The_people_page_posts_the_wanted_status_and_refuses_a_stale_tab()
    {
        const string email = "marketing@alpenglow.demo";
        var id = await PersonId(email);
        var page = await PageSession.SignInAsync(app, ValuewebFactory.PartnerA);
        var tab = await page.GetAsync("/people");
        var form = FormOf(tab, $"status-{id}");
        var fields = new Dictionary<string, string>
        {
            ["Status.Wanted"] = PageSession.HiddenValue(form, "Status.Wanted"),
            ["Status.Version"] = PageSession.HiddenValue(form, "Status.Version"),
        };
        fields["Status.Wanted"].ShouldBe("Disabled");

        // meanwhile someone else disables the person through the API
        var admin = await app.ApiAs(ValuewebFactory.PartnerA);
        (await admin.SendAsync(Post($"/api/v1/people/{id}/disable", await app.ETagOf(admin, $"/api/v1/people/{id}")))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var stale = await page.PostAsync("/people", $"status-{id}", tab, fields);
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()).ShouldContain("changed by someone else");
        (await StatusOf(email)).ShouldBe(PersonStatus.Disabled, "the stale tab must not toggle the person back");

        var fresh = await page.GetAsync("/people");
        var current = FormOf(fresh, $"status-{id}");
        PageSession.HiddenValue(current, "Status.Wanted").ShouldBe("Active");
        var enabled = await page.PostAsync("/people", $"status-{id}", fresh, new()
        {
            ["Status.Wanted"] = "Active",
            ["Status.Version"] = PageSession.HiddenValue(current, "Status.Version"),
        });
        WebUtility.HtmlDecode(await enabled.Content.ReadAsStringAsync()).ShouldContain("is enabled");
        (await StatusOf(email)).ShouldBe(PersonStatus.Active);

        // posting the same form again is stale now, not a second toggle
        var replay = await page.PostAsync("/people", $"status-{id}", fresh, new()
        {
            ["Status.Wanted"] = "Active",
            ["Status.Version"] = PageSession.HiddenValue(current, "Status.Version"),
        });
        WebUtility.HtmlDecode(await replay.Content.ReadAsStringAsync()).ShouldContain("changed by someone else");
        (await StatusOf(email)).ShouldBe(PersonStatus.Active);
    }
}
