using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Organisations;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Partners;

/// <summary>The partner page's lifecycle form: an approved partner becomes active only by accepting the agreement, never by a button.</summary>
public sealed class PartnerLifecycleFormTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private async Task<Guid> ApprovedPartnerAsync(string company, string email)
    {
        var applied = await app.Anonymous().PostAsJsonAsync("/api/v1/applications", new
        {
            companyName = company,
            country = "AT",
            types = new[] { "reseller" },
            contact = new { name = "Paula Pending", email },
        });
        applied.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var vendor = await app.ApiAs(ValuewebFactory.ChannelManager);
        var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/partners/{id}/approve") { Content = JsonContent.Create(new { reason = "Fits" }) };
        approve.Headers.TryAddWithoutValidation("If-Match", await app.ETagOf(vendor, $"/api/v1/partners/{id}"));
        (await vendor.SendAsync(approve)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return id;
    }

    [Fact]
    public async Task A_posted_activate_action_is_refused_and_the_partner_stays_approved()
    {
        var id = await ApprovedPartnerAsync("Forged Activation KG", "paula@forged.example");
        var page = await PageSession.SignInAsync(app, ValuewebFactory.ChannelManager);
        var html = await page.GetAsync($"/partners/{id}");
        html.ShouldNotContain("value=\"Activate\"");

        var response = await page.PostAsync($"/partners/{id}", "lifecycle", html, new()
        {
            ["Form.Action"] = "Activate",
            ["Form.Version"] = PageSession.HiddenValue(html, "Form.Version"),
            ["Form.Reason"] = "Skip the agreement",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        text.ShouldContain("accepting the program agreement");
        (await app.Db(db => db.Organisations.Where(o => o.Id == id).Select(o => o.Status).SingleAsync())).ShouldBe(OrganisationStatus.Approved);
    }
}
