using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Deals;

/// <summary>Registering, checking, conflicts between competing partners, and the channel manager's decisions.</summary>
public sealed class DealRegistrationTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task A_later_registration_of_the_same_customer_is_in_conflict_and_the_partner_learns_only_that_it_is_protected()
    {
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        var cloud = await DealApi.LineAsync(alpenglow, "Cloud Platform");
        var security = await DealApi.LineAsync(alpenglow, "Security Suite");

        var first = await DealApi.RegisterAsync(alpenglow, DealApi.Body("Quellwasser Brauerei GmbH", "quellwasser-brauerei.de", [cloud]));
        first.GetProperty("status").GetString().ShouldBe("pending");
        first.GetProperty("inConflict").GetBoolean().ShouldBeFalse();
        first.GetProperty("stage").GetProperty("key").GetString().ShouldBe("qualify");
        first.GetProperty("estimatedValue").GetProperty("amount").GetDecimal().ShouldBe(50_000m);
        var firstId = first.GetProperty("id").GetGuid();

        // Bergmann types the customer differently: the domain with www., and a sales contact from the customer's domain.
        var check = await bergmann.PostAsJsonAsync(DealApi.Url + "/check",
            DealApi.Body("Quellwasser Brauerei", "https://www.quellwasser-brauerei.de/", [cloud, security], contactEmail: "einkauf@quellwasser-brauerei.de"));
        check.StatusCode.ShouldBe(HttpStatusCode.OK);
        var checkText = await check.Content.ReadAsStringAsync();
        var conflict = JsonDocument.Parse(checkText).RootElement.GetProperty("conflicts").EnumerateArray().ShouldHaveSingleItem();
        conflict.GetProperty("kind").GetString().ShouldBe("registration");
        conflict.GetProperty("score").GetDouble().ShouldBeInRange(0.85, 1.0);
        conflict.GetProperty("productLineIds").EnumerateArray().Select(x => x.GetGuid()).ShouldBe([cloud]);
        conflict.GetProperty("reason").GetString()!.ShouldContain("An earlier registration");
        checkText.ShouldNotContain("Alpenglow", Case.Insensitive);
        checkText.ShouldNotContain("Quellwasser Brauerei GmbH");
        checkText.ShouldNotContain(firstId.ToString());
        (await app.Db(db => db.DealRegistrations.CountAsync(r => r.CustomerName.StartsWith("Quellwasser")))).ShouldBe(1, "a check creates nothing");

        var second = await DealApi.RegisterAsync(bergmann, DealApi.Body("Quellwasser Brauerei", "www.quellwasser-brauerei.de", [cloud, security]));
        second.GetProperty("inConflict").GetBoolean().ShouldBeTrue();
        var secondText = second.GetRawText();
        secondText.ShouldNotContain("Alpenglow", Case.Insensitive);
        secondText.ShouldNotContain(firstId.ToString());
        var secondId = second.GetProperty("id").GetGuid();

        // The channel manager sees both side by side, and was notified.
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var seen = await cm.GetFromJsonAsync<JsonElement>($"{DealApi.Url}/{secondId}");
        var other = seen.GetProperty("conflicts").EnumerateArray().ShouldHaveSingleItem().GetProperty("other");
        other.GetProperty("id").GetGuid().ShouldBe(firstId);
        other.GetProperty("partner").GetProperty("name").GetString()!.ShouldStartWith("Alpenglow");
        other.GetProperty("customer").GetString().ShouldBe("Quellwasser Brauerei GmbH");

        // Alpenglow's registration is invisible to Bergmann, exactly like a missing one.
        var foreign = await bergmann.GetAsync($"{DealApi.Url}/{firstId}");
        var missing = await bergmann.GetAsync($"{DealApi.Url}/{Guid.NewGuid()}");
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await foreign.Content.ReadAsStringAsync()).Split("traceId")[0].ShouldBe((await missing.Content.ReadAsStringAsync()).Split("traceId")[0]);
        (await bergmann.GetStringAsync(DealApi.Url + "?limit=100")).ShouldNotContain(firstId.ToString());
        (await bergmann.GetAsync($"{DealApi.Url}/{firstId}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var sneaky = new HttpRequestMessage(HttpMethod.Post, $"{DealApi.Url}/{firstId}/lost") { Content = JsonContent.Create(new { reason = "x" }) };
        sneaky.Headers.TryAddWithoutValidation("If-Match", "\"v1\"");
        (await bergmann.SendAsync(sneaky)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Rejecting needs a reason; then the partner reads it, and the history tells who did what.
        (await DealApi.ActAsync(app, cm, secondId, "reject", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rejected = await DealApi.ActOkAsync(app, cm, secondId, "reject", new { reason = "Quellwasser is protected by an earlier registration." });
        rejected.GetProperty("status").GetString().ShouldBe("rejected");
        var mine = await bergmann.GetFromJsonAsync<JsonElement>($"{DealApi.Url}/{secondId}");
        mine.GetProperty("decisionReason").GetString().ShouldBe("Quellwasser is protected by an earlier registration.");
        var history = await bergmann.GetFromJsonAsync<JsonElement>($"{DealApi.Url}/{secondId}/history");
        history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(["dealRegistration.rejected", "dealRegistration.submitted"]);
    }

    [Fact]
    public async Task Registering_is_idempotent_and_bad_input_names_the_field_and_changes_nothing()
    {
        var cobalt = await app.ApiAs(ValuewebFactory.PartnerC);
        var net = await DealApi.LineAsync(cobalt, "Networking");
        var body = DealApi.Body("Garonne Textiles SARL", "garonne-textiles.fr", [net], amount: 1234.56m, country: "FR");
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Post(object b)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, DealApi.Url) { Content = JsonContent.Create(b) };
            request.Headers.Add("Idempotency-Key", key);
            return await cobalt.SendAsync(request);
        }
        var a = await Post(body);
        var b = await Post(body);
        a.StatusCode.ShouldBe(HttpStatusCode.Created);
        b.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await b.Content.ReadAsStringAsync()).ShouldBe(await a.Content.ReadAsStringAsync());
        b.Headers.Location.ShouldBe(a.Headers.Location);
        (await Post(DealApi.Body("Other SARL", null, [net], country: "FR"))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await app.Db(db => db.DealRegistrations.CountAsync(r => r.CustomerName == "Garonne Textiles SARL"))).ShouldBe(1);

        var before = await app.Db(db => db.DealRegistrations.CountAsync());
        var bad = await cobalt.PostAsJsonAsync(DealApi.Url, new
        {
            customer = new { name = "", domain = "gmail.com", country = "XX" },
            contact = new { name = "A", email = "not-an-email" },
            productLineIds = new[] { Guid.NewGuid() },
            estimatedValue = new { amount = 10.123m, currency = "EUR" },
            expectedCloseDate = "2020-01-01",
            stage = "nope",
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        bad.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "customer.name", "customer.domain", "customer.country", "contact.email", "estimatedValue.amount", "expectedCloseDate" })
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        var badRefs = await cobalt.PostAsJsonAsync(DealApi.Url, DealApi.Body("Valid Name", null, [Guid.NewGuid()], stage: "nope"));
        var refErrors = (await badRefs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        refErrors.TryGetProperty("productLineIds[0]", out _).ShouldBeTrue();
        refErrors.TryGetProperty("stage", out _).ShouldBeTrue();
        var malformed = await cobalt.PostAsync(DealApi.Url, new StringContent("{\"estimatedValue\":{\"amount\":\"lots\"}}", System.Text.Encoding.UTF8, "application/json"));
        (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("estimatedValue.amount", out _).ShouldBeTrue();
        (await app.Db(db => db.DealRegistrations.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Direct_deals_named_accounts_and_own_duplicates_are_conflicts_too()
    {
        var direct = await app.ApiAs("direct@valueweb.demo");
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var data = await DealApi.LineAsync(alpenglow, "Data & Analytics");
        var edge = await DealApi.LineAsync(alpenglow, "Edge Devices");

        var deal = await direct.PostAsJsonAsync("/api/v1/direct-deals", new { customer = new { name = "Fernwald Kliniken AG", domain = "fernwald-kliniken.de", country = "DE" }, title = "Analytics platform", productLineIds = new[] { data } });
        deal.StatusCode.ShouldBe(HttpStatusCode.Created, await deal.Content.ReadAsStringAsync());
        var csv = "name,domain,country,productLines\n\"Sternberg Versicherung, VVaG\",sternberg-versicherung.de,DE,\nSeeblick Hotels,,AT,EDGE\n";
        var import = await direct.PostAsync("/api/v1/named-accounts/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        import.StatusCode.ShouldBe(HttpStatusCode.OK, await import.Content.ReadAsStringAsync());
        (await import.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32().ShouldBe(2);
        var badCsv = await direct.PostAsync("/api/v1/named-accounts/import", new StringContent("name,country\nOk Co,DE\n,ZZ\n", System.Text.Encoding.UTF8, "text/csv"));
        var csvErrors = (await badCsv.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        csvErrors.TryGetProperty("rows[2].name", out _).ShouldBeTrue();
        csvErrors.TryGetProperty("rows[2].country", out _).ShouldBeTrue();
        (await app.Db(db => db.CustomerAccounts.CountAsync(a => a.Name == "Ok Co"))).ShouldBe(0, "a failed import imports nothing");

        async Task<JsonElement> Check(object body) =>
            (await (await alpenglow.PostAsJsonAsync(DealApi.Url + "/check", body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conflicts");
        (await Check(DealApi.Body("FERNWALD KLINIKEN", "fernwald-kliniken.de", [data]))).EnumerateArray().Single().GetProperty("kind").GetString().ShouldBe("directDeal");
        (await Check(DealApi.Body("Fernwald Kliniken", "fernwald-kliniken.de", [edge]))).GetArrayLength().ShouldBe(0, "no product line in common");
        (await Check(DealApi.Body("Sternberg Versicherung VVaG", "www.sternberg-versicherung.de", [edge]))).EnumerateArray().Single().GetProperty("kind").GetString().ShouldBe("namedAccount");

        var mine = await DealApi.RegisterAsync(alpenglow, DealApi.Body("Kranich Optik GmbH", "kranich-optik.de", [edge]));
        var again = (await Check(DealApi.Body("Kranich Optik", "kranich-optik.de", [edge]))).EnumerateArray().Single();
        again.GetProperty("kind").GetString().ShouldBe("ownDuplicate");
        mine.GetProperty("inConflict").GetBoolean().ShouldBeFalse();

        // Partners cannot reach the direct sales force's lists at all.
        (await alpenglow.GetAsync("/api/v1/direct-deals")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Names_match_without_a_domain_and_the_reason_quotes_only_the_callers_words()
    {
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        var cloud = await DealApi.LineAsync(bergmann, "Cloud Platform");
        // The demo's Alpenglow holds "Nordlicht Energie GmbH" (nordlicht-energie.de) for Cloud Platform.
        var response = await bergmann.PostAsJsonAsync(DealApi.Url + "/check", DealApi.Body("ENERGIE NORDLICHT AG", null, [cloud], contactEmail: "someone@gmail.com"));
        var text = await response.Content.ReadAsStringAsync();
        var conflict = JsonDocument.Parse(text).RootElement.GetProperty("conflicts").EnumerateArray().First(c => c.GetProperty("kind").GetString() == "registration");
        conflict.GetProperty("reason").GetString()!.ShouldContain("“ENERGIE NORDLICHT AG”");
        conflict.GetProperty("protectedUntil").ValueKind.ShouldBe(JsonValueKind.String);
        text.ShouldNotContain("GmbH");
        text.ShouldNotContain("nordlicht-energie.de");
        text.ShouldNotContain("Alpenglow", Case.Insensitive);

        // Similar but different companies are no conflict.
        var other = await bergmann.PostAsJsonAsync(DealApi.Url + "/check", DealApi.Body("Nordlicht Reisen", null, [cloud], contactEmail: "someone@gmail.com"));
        (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conflicts").GetArrayLength().ShouldBe(0);
    }
}
