using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Deals;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Leads;

/// <summary>
/// A lead's life through the API: taken in, scored, routed with an explanation, offered with a deadline, accepted or
/// declined, moved on when the deadline passes, worked to an outcome — and what a competing partner learns (nothing).
/// </summary>
public sealed class LeadDistributionTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private Task<string> AdminOfAsync(Guid partner) => LeadApi.AdminOfAsync(app, partner);

    [Fact]
    public async Task A_qualified_lead_is_routed_with_reasons_accepted_and_worked_to_a_registration_while_a_competitor_learns_nothing()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var security = await DealApi.LineAsync(cm, "Security Suite");
        var lead = await LeadApi.CreateAsync(cm, LeadApi.Body("Zugspitz Kliniken GmbH", "it@zugspitz-kliniken.de", lines: [security]));
        var id = lead.GetProperty("id").GetGuid();
        lead.GetProperty("qualified").GetBoolean().ShouldBeTrue();
        lead.GetProperty("score").GetInt32().ShouldBe(55, "1,000+ employees (40) and asked to be contacted (15)");
        lead.GetProperty("scoreReasons").EnumerateArray().Select(r => r.GetProperty("label").GetString()).ShouldContain("Enterprise (1,000 or more employees)");
        lead.GetProperty("status").GetString().ShouldBe("offered");
        var alpenglowId = await app.PartnerIdBySlug("alpenglow");
        lead.GetProperty("partner").GetProperty("id").GetGuid().ShouldBe(alpenglowId, "the nearest partner in Germany selling Security Suite");
        lead.GetProperty("deadlineAt").GetDateTimeOffset().ShouldBe(app.Clock.GetUtcNow().AddHours(48));

        // The vendor sees the whole decision.
        var routing = await LeadApi.GetAsync(cm, $"{LeadApi.Url}/{id}/routing");
        var decision = routing.GetProperty("decisions")[0];
        decision.GetProperty("partnerId").GetGuid().ShouldBe(alpenglowId);
        var steps = decision.GetProperty("explanation").GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("step").GetString()).Take(2).ShouldBe(["territory", "productLine"], ignoreOrder: false);
        steps.Select(s => s.GetProperty("step").GetString()).ShouldContain("openLeads", "capacity is a step of its own");
        steps[0].GetProperty("removed").GetInt32().ShouldBeGreaterThan(0, "partners outside Germany are removed");
        var top = decision.GetProperty("explanation").GetProperty("top").EnumerateArray().ToList();
        top.Count.ShouldBeGreaterThan(1, "more than one German partner sells Security Suite");
        var runnerUp = top.First(c => c.GetProperty("partnerId").GetGuid() != alpenglowId).GetProperty("name").GetString()!;
        decision.GetProperty("winnerReason").GetString()!.ShouldNotBeNullOrWhiteSpace();

        // The winner sees why it got the lead, and nothing about the other candidates.
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var why = await alpenglow.GetStringAsync($"{LeadApi.Url}/{id}/routing");
        JsonDocument.Parse(why).RootElement.GetProperty("why").GetString()!.ShouldNotBeNullOrWhiteSpace();
        why.ShouldNotContain(runnerUp);
        why.ShouldNotContain("decisions");
        why.ShouldNotContain("\"top\"");
        var asHolder = await LeadApi.GetAsync(alpenglow, $"{LeadApi.Url}/{id}");
        asHolder.GetProperty("round").ValueKind.ShouldBe(JsonValueKind.Null, "how many rounds came before is the vendor's business");

        // A competitor cannot see, answer or learn anything about it.
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        foreach (var path in new[] { $"{LeadApi.Url}/{id}", $"{LeadApi.Url}/{id}/routing", $"{LeadApi.Url}/{id}/history" })
            (await bergmann.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        var missing = await bergmann.GetAsync($"{LeadApi.Url}/{Guid.CreateVersion7()}");
        static async Task<string> WithoutTrace(HttpResponseMessage r) => System.Text.RegularExpressions.Regex.Replace(await r.Content.ReadAsStringAsync(), "\"traceId\":\"[^\"]*\"", "");
        (await WithoutTrace(await bergmann.GetAsync($"{LeadApi.Url}/{id}"))).ShouldBe(await WithoutTrace(missing), "identical to a missing lead");
        foreach (var action in new[] { "accept", "decline", "progress" })
        {
            var probe = new HttpRequestMessage(HttpMethod.Post, $"{LeadApi.Url}/{id}/{action}") { Content = JsonContent.Create(new { reason = "x" }) };
            probe.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            (await bergmann.SendAsync(probe)).StatusCode.ShouldBe(HttpStatusCode.NotFound, action);
        }
        (await bergmann.GetStringAsync(LeadApi.Url + "?limit=200")).ShouldNotContain(id.ToString());
        (await cm.GetAsync($"{LeadApi.Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Accept: If-Match required, a stale one refused.
        (await alpenglow.PostAsJsonAsync($"{LeadApi.Url}/{id}/accept", new { })).StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        var stale = new HttpRequestMessage(HttpMethod.Post, $"{LeadApi.Url}/{id}/accept") { Content = JsonContent.Create(new { }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"99\"");
        (await alpenglow.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await LeadApi.ActAsync(app, cm, id, "accept")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the vendor does not answer for the partner");
        app.Clock.Advance(TimeSpan.FromHours(3));
        alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        (await LeadApi.ActOkAsync(app, alpenglow, id, "accept")).GetProperty("status").GetString().ShouldBe("accepted");
        (await LeadApi.ActAsync(app, alpenglow, id, "accept")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "already accepted");

        // Progress to a registration: it must be the partner's own.
        (await LeadApi.ActOkAsync(app, alpenglow, id, "progress", new { status = "contacted" })).GetProperty("status").GetString().ShouldBe("contacted");
        var bad = await LeadApi.ActAsync(app, alpenglow, id, "progress", new { status = "won" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("\"status\"");
        var theirs = await app.Db(db => db.DealRegistrations.Where(r => r.PartnerId != alpenglowId).Select(r => r.Id).FirstAsync());
        var foreign = await LeadApi.ActAsync(app, alpenglow, id, "progress", new { status = "converted", dealRegistrationId = theirs });
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await foreign.Content.ReadAsStringAsync()).ShouldContain("dealRegistrationId");
        var used = await app.Db(db => db.Leads.Where(l => l.PartnerId == alpenglowId && l.DealRegistrationId != null).Select(l => l.DealRegistrationId!.Value).FirstAsync());
        var twice = await LeadApi.ActAsync(app, alpenglow, id, "progress", new { status = "converted", dealRegistrationId = used });
        twice.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "one registration stands for one lead");
        (await twice.Content.ReadAsStringAsync()).ShouldContain("Another lead was converted into this registration");
        var line = await DealApi.LineAsync(alpenglow, "Security Suite");
        var registration = (await DealApi.RegisterAsync(alpenglow, DealApi.Body("Zugspitz Kliniken GmbH", "zugspitz-kliniken.de", [line]))).GetProperty("id").GetGuid();
        var converted = await LeadApi.ActOkAsync(app, alpenglow, id, "progress", new { status = "converted", dealRegistrationId = registration });
        converted.GetProperty("status").GetString().ShouldBe("converted");
        converted.GetProperty("dealRegistrationId").GetGuid().ShouldBe(registration);

        var history = (await LeadApi.GetAsync(alpenglow, $"{LeadApi.Url}/{id}/history")).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        history.ShouldContain("lead.offered");
        history.ShouldContain("lead.accepted");
        history.ShouldContain("lead.converted");
        history.ShouldNotContain("lead.received", "intake facts are the vendor's");
        (await LeadApi.GetAsync(alpenglow, $"{LeadApi.Url}/{id}/history")).GetProperty("items").EnumerateArray()
            .ShouldAllBe(e => e.GetProperty("data").EnumerateObject().Count() == 0, "rounds and reasons are the vendor's");

        var funnel = await LeadApi.GetAsync(cm, $"{LeadApi.Url}/funnel?groupBy=partner");
        var row = funnel.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == alpenglowId.ToString());
        row.GetProperty("converted").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        (await cm.GetAsync($"{LeadApi.Url}/funnel?groupBy=colour")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await alpenglow.GetAsync($"{LeadApi.Url}/funnel")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_declined_lead_moves_on_at_once_and_an_unanswered_offer_moves_on_by_itself_when_the_deadline_passes()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var cloud = await DealApi.LineAsync(cm, "Cloud Platform");
        var id = (await LeadApi.CreateAsync(cm, LeadApi.Body("Spreewald Gurken AG", "einkauf@spreewald-gurken.de", city: "Berlin", lines: [cloud]))).GetProperty("id").GetGuid();
        var first = (await LeadApi.HolderAsync(cm, id))!.Value;
        var holder = await app.ApiAs(await AdminOfAsync(first));

        var noReason = await LeadApi.ActAsync(app, holder, id, "decline", new { reason = "" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("\"reason\"");
        (await LeadApi.ActAsync(app, holder, id, "decline", new { reason = "No one free to call them this month." })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await holder.GetAsync($"{LeadApi.Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a declined lead is no longer the partner's business");

        var second = (await LeadApi.HolderAsync(cm, id))!.Value;
        second.ShouldNotBe(first, "a partner that declined is excluded");
        var routing = await LeadApi.GetAsync(cm, $"{LeadApi.Url}/{id}/routing");
        var offers = routing.GetProperty("offers").EnumerateArray().ToList();
        offers[0].GetProperty("outcome").GetString().ShouldBe("declined");
        offers[0].GetProperty("reason").GetString().ShouldBe("No one free to call them this month.");
        offers[1].GetProperty("outcome").GetString().ShouldBe("pending");

        // Nobody answers: after the deadline the lead moves on by itself, exactly once.
        app.Clock.Advance(TimeSpan.FromHours(49));
        await app.RunJobsAsync();
        await app.RunJobsAsync();
        cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        routing = await LeadApi.GetAsync(cm, $"{LeadApi.Url}/{id}/routing");
        offers = routing.GetProperty("offers").EnumerateArray().ToList();
        offers[1].GetProperty("outcome").GetString().ShouldBe("lapsed");
        offers.Count(o => o.GetProperty("outcome").GetString() == "pending").ShouldBeLessThanOrEqualTo(1);
        var now = await LeadApi.GetAsync(cm, $"{LeadApi.Url}/{id}");
        now.GetProperty("round").GetInt32().ShouldBe(3);
        if (now.GetProperty("partner") is { ValueKind: JsonValueKind.Object } p)
        {
            p.GetProperty("id").GetGuid().ShouldNotBe(first);
            p.GetProperty("id").GetGuid().ShouldNotBe(second);
        }
        else now.GetProperty("status").GetString().ShouldBe("vendorQueue");
        var types = (await LeadApi.GetAsync(cm, $"{LeadApi.Url}/{id}/history")).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        types.Count(t => t == "lead.lapsed").ShouldBe(1);
        types.Count(t => t == "lead.declined").ShouldBe(1);

        // Both answers count in the partners' responsiveness.
        var funnel = await LeadApi.GetAsync(cm, $"{LeadApi.Url}/funnel?groupBy=partner");
        funnel.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == first.ToString()).GetProperty("declined").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        funnel.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == second.ToString()).GetProperty("lapsed").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_lead_below_the_threshold_stays_with_the_vendor_and_one_nobody_can_take_goes_to_the_vendor_queue()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var small = await LeadApi.CreateAsync(cm, LeadApi.Body("Kiosk am Eck", "kiosk@example.net", employees: 3, source: "purchased-list"));
        small.GetProperty("status").GetString().ShouldBe("nurture");
        small.GetProperty("qualified").GetBoolean().ShouldBeFalse();
        small.GetProperty("partner").ValueKind.ShouldBe(JsonValueKind.Null);

        var far = await LeadApi.CreateAsync(cm, LeadApi.Body("Kyoto Robotics K.K.", "info@kyoto-robotics.jp", country: "JP", city: "Tokyo"));
        far.GetProperty("status").GetString().ShouldBe("vendorQueue", "no partner covers Japan");
        var routing = await LeadApi.GetAsync(cm, $"{LeadApi.Url}/{far.GetProperty("id").GetGuid()}/routing");
        routing.GetProperty("decisions")[0].GetProperty("fallback").GetString().ShouldBe("vendorQueue");

        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        (await alpenglow.GetAsync($"{LeadApi.Url}/{small.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alpenglow.GetAsync($"{LeadApi.Url}/{far.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_leads_are_refused_with_the_field_named_and_nothing_is_stored()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var before = await app.Db(db => db.Leads.CountAsync());
        var response = await cm.PostAsJsonAsync(LeadApi.Url, new { company = "", email = "not-an-address", country = "Atlantis", latitude = 95.0 });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("company", out _).ShouldBeTrue();
        errors.TryGetProperty("email", out _).ShouldBeTrue();
        errors.GetProperty("country")[0].GetString()!.ShouldContain("Atlantis");
        errors.TryGetProperty("latitude", out _).ShouldBeTrue();

        var noWay = await cm.PostAsJsonAsync(LeadApi.Url, new { company = "Silent Ltd", country = "GB" });
        (await noWay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("email")[0].GetString()!.ShouldContain("phone");

        var batch = await cm.PostAsJsonAsync(LeadApi.Url + "/batch", new
        {
            leads = new[] { LeadApi.Body("Good Company GmbH", "good@good-company.de"), LeadApi.Body("Bad Company GmbH", "bad@@bad") },
        });
        batch.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("leads[1].email", out _).ShouldBeTrue();
        (await app.Db(db => db.Leads.CountAsync())).ShouldBe(before, "a refused batch stores nothing");

        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        (await alpenglow.PostAsJsonAsync(LeadApi.Url, LeadApi.Body("Partner Made GmbH", "x@partner-made.de"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_same_lead_twice_is_one_lead_and_a_repeated_request_is_applied_once()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var first = await LeadApi.CreateAsync(cm, LeadApi.Body("Bodensee Segelschule", "Info@Bodensee-Segelschule.de", city: "Munich"));
        var again = await LeadApi.CreateAsync(cm, LeadApi.Body("Bodensee Segelschule", "info@bodensee-segelschule.de", city: "Munich"), expected: 200);
        again.GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid(), "same e-mail and company: the same lead");

        var bySource = await LeadApi.CreateAsync(cm, LeadApi.Body("Record One", "one@record.de", recordId: "00Q5e00000AbCdE"));
        var renamed = await LeadApi.CreateAsync(cm, LeadApi.Body("Record One (renamed)", "other@record.de", recordId: "00Q5e00000AbCdE"), expected: 200);
        renamed.GetProperty("id").GetGuid().ShouldBe(bySource.GetProperty("id").GetGuid(), "the source's own record id identifies the lead");

        var before = await app.Db(db => db.Leads.CountAsync());
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, LeadApi.Url + "/batch")
            {
                Content = JsonContent.Create(new { leads = new[] { LeadApi.Body("Batch Eins GmbH", "a@batch-eins.de"), LeadApi.Body("Batch Zwei GmbH", "b@batch-zwei.de"), LeadApi.Body("Batch Eins GmbH", "a@batch-eins.de") } }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await cm.SendAsync(request);
        }
        var one = await Send();
        var text = await one.Content.ReadAsStringAsync();
        one.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var result = JsonDocument.Parse(text).RootElement;
        result.GetProperty("created").GetInt32().ShouldBe(2);
        result.GetProperty("duplicates").GetInt32().ShouldBe(1);
        (await (await Send()).Content.ReadAsStringAsync()).ShouldBe(text);
        (await app.Db(db => db.Leads.CountAsync())).ShouldBe(before + 2);
    }

    [Fact]
    public async Task A_high_value_lead_is_red_flagged_and_the_channel_manager_and_the_partner_are_told()
    {
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var security = await DealApi.LineAsync(cm, "Security Suite");
        var lead = await LeadApi.CreateAsync(cm, LeadApi.Body("Wendelstein Versicherung AG", "cio@wendelstein-versicherung.de", lines: [security], value: 250_000m));
        lead.GetProperty("redFlag").GetBoolean().ShouldBeTrue();
        var holder = lead.GetProperty("partner").GetProperty("id").GetGuid();
        await app.RunJobsAsync();
        var holderAdmin = await AdminOfAsync(holder);
        (await app.EmailsTo(holderAdmin)).ShouldContain(m => m.Contains("Wendelstein", StringComparison.Ordinal) && m.Contains("high value", StringComparison.OrdinalIgnoreCase));
        var cmMails = await app.Db(db => db.People.Where(p => p.Role == Valueweb.Features.Organisations.Role.ChannelManager).Select(p => p.Email).ToListAsync());
        var told = false;
        foreach (var email in cmMails) told |= (await app.EmailsTo(email)).Any(m => m.Contains("High-value lead", StringComparison.Ordinal));
        told.ShouldBeTrue("a channel manager is told");

        var list = await LeadApi.GetAsync(cm, LeadApi.Url + "?redFlag=true&limit=200");
        list.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("id").GetGuid() == lead.GetProperty("id").GetGuid());
    }
}
