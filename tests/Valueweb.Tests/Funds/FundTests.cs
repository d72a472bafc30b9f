using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Deals;
using Valueweb.Tests.Incentives;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Funds;

/// <summary>Budgets never past their pool; requests, partial approval, claims with proof files; reimbursement as a payout line; return on funds.</summary>
public sealed class FundTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private const string Marketing = "marketing@valueweb.demo";

    private static byte[] Pdf => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    private async Task<(Guid Pool, Guid Theme)> PoolAndThemeAsync(HttpClient marketing, decimal amount)
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var pool = await IncentiveApi.SendOkAsync(marketing, HttpMethod.Post, "/api/v1/fund-pools",
            new { name = $"Test pool {Guid.NewGuid():N}", startsOn = today.AddDays(-60), endsOn = today.AddDays(60), amount = new { amount, currency = "EUR" } }, status: 201);
        var theme = await IncentiveApi.SendOkAsync(marketing, HttpMethod.Post, "/api/v1/campaign-themes", new { name = "Test theme", description = "For tests" }, status: 201);
        return (pool.GetProperty("id").GetGuid(), theme.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Budgets_are_allocated_from_a_pool_and_never_exceed_it_even_when_allocated_at_once()
    {
        var marketing = await app.ApiAs(Marketing);
        var (pool, _) = await PoolAndThemeAsync(marketing, 10_000m);
        var (a, b, c) = (await app.PartnerIdBySlug("alpenglow"), await app.PartnerIdBySlug("bergmann"), await app.PartnerIdBySlug("cobalt"));
        await IncentiveApi.SendOkAsync(marketing, HttpMethod.Post, $"/api/v1/fund-pools/{pool}/budgets", new { partnerId = a, amount = new { amount = 4_000m, currency = "EUR" } });
        var tooMuch = await marketing.PostAsJsonAsync($"/api/v1/fund-pools/{pool}/budgets", new { partnerId = b, amount = new { amount = 6_500m, currency = "EUR" } });
        tooMuch.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooMuch.Content.ReadAsStringAsync()).ShouldContain("amount.amount");

        // Two allocations of 4,000 at once into the 6,000 left: one is refused.
        var answers = await Task.WhenAll(
            marketing.PostAsJsonAsync($"/api/v1/fund-pools/{pool}/budgets", new { partnerId = b, amount = new { amount = 4_000m, currency = "EUR" } }),
            (await app.ApiAs(ValuewebFactory.VendorAdmin)).PostAsJsonAsync($"/api/v1/fund-pools/{pool}/budgets", new { partnerId = c, amount = new { amount = 4_000m, currency = "EUR" } }));
        answers.Select(r => (int)r.StatusCode).OrderBy(x => x).ToArray().ShouldBe([200, 400]);
        var allocated = await app.Db(db => db.FundPools.Where(p => p.Id == pool).Select(p => p.AllocatedMinor).SingleAsync());
        allocated.ShouldBe(800_000);
        (await app.Db(db => db.FundBudgets.Where(x => x.PoolId == pool).SumAsync(x => x.AmountMinor))).ShouldBe(allocated);

        // A partner sees its own budget only.
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        var seen = await bergmann.GetFromJsonAsync<JsonElement>("/api/v1/fund-budgets");
        seen.EnumerateArray().ShouldAllBe(x => x.GetProperty("partnerId").GetGuid() == b);
        (await bergmann.GetAsync("/api/v1/fund-pools")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_partner_requests_funds_gets_part_claims_with_proof_and_the_reimbursement_becomes_a_payout_line_only_it_sees()
    {
        var marketing = await app.ApiAs(Marketing);
        var (pool, theme) = await PoolAndThemeAsync(marketing, 50_000m);
        var a = await app.PartnerIdBySlug("alpenglow");
        var budget = (await IncentiveApi.SendOkAsync(marketing, HttpMethod.Post, $"/api/v1/fund-pools/{pool}/budgets",
            new { partnerId = a, amount = new { amount = 8_000m, currency = "EUR" } })).GetProperty("id").GetGuid();
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        object Body(decimal amount, Guid? themeId = null) => new
        {
            budgetId = budget,
            themeId = themeId ?? theme,
            title = "Cloud lunch and learn",
            plan = "Three lunches with customers' IT teams.",
            startsOn = today.AddDays(-20),
            endsOn = today.AddDays(-18),
            amount = new { amount, currency = "EUR" },
        };
        var over = await alpenglow.PostAsJsonAsync("/api/v1/fund-requests", Body(9_000m));
        (await over.Content.ReadAsStringAsync()).ShouldContain("amount.amount", customMessage: "more than the budget has left");
        (await bergmann.PostAsJsonAsync("/api/v1/fund-requests", Body(1_000m))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "another partner's budget is not its own");
        var request = await IncentiveApi.SendOkAsync(alpenglow, HttpMethod.Post, "/api/v1/fund-requests", Body(5_000m), key: "fund-1", status: 201);
        var id = request.GetProperty("id").GetGuid();
        (await bergmann.GetAsync($"/api/v1/fund-requests/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Partial approval needs a reason; it commits that much of the budget.
        var url = $"/api/v1/fund-requests/{id}";
        var noReason = new HttpRequestMessage(HttpMethod.Post, url + "/decide") { Content = JsonContent.Create(new { outcome = "approved", amount = new { amount = 4_000m, currency = "EUR" } }) };
        noReason.Headers.TryAddWithoutValidation("If-Match", await app.ETagOf(marketing, url));
        (await (await marketing.SendAsync(noReason)).Content.ReadAsStringAsync()).ShouldContain("reason");
        var approved = await IncentiveApi.SendOkAsync(marketing, HttpMethod.Post, url + "/decide",
            new { outcome = "approved", amount = new { amount = 4_000m, currency = "EUR" }, reason = "Two lunches are enough." }, await app.ETagOf(marketing, url));
        approved.GetProperty("status").GetString().ShouldBe("approved");
        approved.GetProperty("approved").GetProperty("amount").GetDecimal().ShouldBe(4_000m);
        (await app.Db(db => db.FundBudgets.Where(x => x.Id == budget).Select(x => x.CommittedMinor).SingleAsync())).ShouldBe(400_000);

        // A claim with proof: content is sniffed, whatever the name says.
        async Task<HttpResponseMessage> ClaimAsync(HttpClient client, decimal amount, params (string Name, byte[] Content)[] files)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent("Two lunches, 31 guests."), "description" },
                { new StringContent(amount.ToString(System.Globalization.CultureInfo.InvariantCulture)), "amount" },
                { new StringContent("EUR"), "currency" },
            };
            foreach (var (name, content) in files)
            {
                var part = new ByteArrayContent(content);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                form.Add(part, "files", name);
            }
            return await client.PostAsync(url + "/claims", form);
        }
        var html = await ClaimAsync(alpenglow, 3_900m, ("invoice.pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>")));
        html.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await html.Content.ReadAsStringAsync()).ShouldContain("files[0]");
        var mismatch = await ClaimAsync(alpenglow, 3_900m, ("photo.png", Pdf));
        (await mismatch.Content.ReadAsStringAsync()).ShouldContain("but its name ends in");
        (await ClaimAsync(alpenglow, 4_100m, ("invoice.pdf", Pdf))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "more than approved");
        (await ClaimAsync(bergmann, 3_900m, ("invoice.pdf", Pdf))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Db(db => db.FundClaims.CountAsync(c => c.RequestId == id))).ShouldBe(0, "refused claims change nothing");
        var claimed = await ClaimAsync(alpenglow, 3_900m, ("invoice.pdf", Pdf), ("guests.csv", Encoding.UTF8.GetBytes("name\nJana\n")));
        claimed.StatusCode.ShouldBe(HttpStatusCode.Created, await claimed.Content.ReadAsStringAsync());
        var claim = JsonDocument.Parse(await claimed.Content.ReadAsStringAsync()).RootElement.Clone();
        var claimId = claim.GetProperty("id").GetGuid();
        var file = claim.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "invoice.pdf");
        var download = await alpenglow.GetAsync($"/api/v1/fund-claims/{claimId}/files/{file.GetProperty("id").GetGuid()}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        (await bergmann.GetAsync($"/api/v1/fund-claims/{claimId}/files/{file.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bergmann.GetAsync($"/api/v1/fund-claims/{claimId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Approval turns the claim into a payout line, once.
        var claimUrl = $"/api/v1/fund-claims/{claimId}";
        var etag = await app.ETagOf(marketing, claimUrl);
        var decided = await IncentiveApi.SendOkAsync(marketing, HttpMethod.Post, claimUrl + "/decide", new { outcome = "approved" }, etag);
        var accrualId = decided.GetProperty("accrualId").GetGuid();
        var again = new HttpRequestMessage(HttpMethod.Post, claimUrl + "/decide") { Content = JsonContent.Create(new { outcome = "approved" }) };
        again.Headers.TryAddWithoutValidation("If-Match", await app.ETagOf(marketing, claimUrl));
        (await marketing.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a claim is decided once");
        (await app.Db(db => db.FundBudgets.Where(x => x.Id == budget).Select(x => x.CommittedMinor).SingleAsync()))
            .ShouldBe(390_000, "the 100 EUR approved but not claimed go back to the budget, once");
        var line = await alpenglow.GetFromJsonAsync<JsonElement>($"/api/v1/accruals/{accrualId}");
        line.GetProperty("kind").GetString().ShouldBe("fundReimbursement");
        IncentiveApi.Amount(line).ShouldBe(3_900m);
        line.GetProperty("explanation").GetString()!.ShouldContain("Cloud lunch and learn");
        (await bergmann.GetAsync($"/api/v1/accruals/{accrualId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var events = await app.Db(db => db.Events.Where(e => e.SubjectId == id || e.SubjectId == claimId).Select(e => e.Type).ToListAsync());
        events.ShouldBe(["fundRequest.submitted", "fundRequest.approved", "fundClaim.submitted", "fundClaim.approved"], ignoreOrder: true);
    }

    [Fact]
    public async Task Registrations_tagged_with_an_activity_show_its_return_per_unit_of_funds()
    {
        var marketing = await app.ApiAs(Marketing);
        var (pool, theme) = await PoolAndThemeAsync(marketing, 20_000m);
        var b = await app.PartnerIdBySlug("bergmann");
        var budget = (await IncentiveApi.SendOkAsync(marketing, HttpMethod.Post, $"/api/v1/fund-pools/{pool}/budgets",
            new { partnerId = b, amount = new { amount = 5_000m, currency = "EUR" } })).GetProperty("id").GetGuid();
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var request = (await IncentiveApi.SendOkAsync(bergmann, HttpMethod.Post, "/api/v1/fund-requests", new
        {
            budgetId = budget,
            themeId = theme,
            title = "Hamburg roadshow",
            plan = "One day, four customer talks.",
            startsOn = today.AddDays(-10),
            endsOn = today.AddDays(-9),
            amount = new { amount = 2_000m, currency = "EUR" },
        }, status: 201)).GetProperty("id").GetGuid();
        var url = $"/api/v1/fund-requests/{request}";
        await IncentiveApi.SendOkAsync(marketing, HttpMethod.Post, url + "/decide", new { outcome = "approved" }, await app.ETagOf(marketing, url));

        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var deal = await IncentiveApi.WonDealAsync(app, bergmann, cm, "Elbufer Reederei GmbH", 30_000m);
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var dealUrl = $"{DealApi.Url}/{deal}";
        var foreign = new HttpRequestMessage(HttpMethod.Put, dealUrl + "/activity") { Content = JsonContent.Create(new { fundRequestId = request }) };
        foreign.Headers.TryAddWithoutValidation("If-Match", "\"v1\"");
        (await alpenglow.SendAsync(foreign)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await IncentiveApi.SendOkAsync(bergmann, HttpMethod.Put, dealUrl + "/activity", new { fundRequestId = request }, await app.ETagOf(bergmann, dealUrl), status: 204);

        var report = await marketing.GetFromJsonAsync<JsonElement>("/api/v1/fund-return");
        var row = report.EnumerateArray().Single(r => r.GetProperty("requestId").GetGuid() == request);
        row.GetProperty("registrations").GetInt32().ShouldBe(1);
        row.GetProperty("won").GetProperty("amount").GetDecimal().ShouldBe(30_000m);
        row.GetProperty("funds").GetProperty("amount").GetDecimal().ShouldBe(2_000m);
        row.GetProperty("wonPerUnit").GetDecimal().ShouldBe(15m);
    }
}
