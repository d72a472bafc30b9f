using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Deals;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Incentives;

/// <summary>Programs as data; a won deal accrues for every partner concerned, line by line with its explanation; clawbacks on reversal.</summary>
public sealed class AccrualTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task A_won_deal_accrues_for_the_closers_split_exactly_and_for_the_referrer_each_line_explained_and_seen_only_by_its_partner()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        var cobalt = await app.ApiAs(ValuewebFactory.PartnerC);
        var (a, b, c) = (await app.PartnerIdBySlug("alpenglow"), await app.PartnerIdBySlug("bergmann"), await app.PartnerIdBySlug("cobalt"));
        await IncentiveApi.CreateProgramAsync(admin, "Split rewards",
        [
            new { kind = "percentage", name = "T-margin", rate = 10m },
            new { kind = "referralFee", name = "T-referral", amount = new { amount = 400m, currency = "EUR" } },
        ]);

        var id = await IncentiveApi.WonDealAsync(app, alpenglow, cm, "Quarzwerk Halle GmbH", 33_333.33m, referredBy: b,
            splits: [new { partnerId = a, share = 75m }, new { partnerId = c, share = 25m }]);

        var all = (await IncentiveApi.LinesAsync(admin, id)).Where(l => l.GetProperty("rule").GetString() is "T-margin" or "T-referral").ToList();
        var margins = all.Where(l => l.GetProperty("rule").GetString() == "T-margin").ToList();
        margins.Count.ShouldBe(2);
        margins.Sum(IncentiveApi.Amount).ShouldBe(3_333.33m, "the parts of a split add up to the whole, to the cent");
        margins.Single(l => l.GetProperty("partnerId").GetGuid() == a).Apply(l => IncentiveApi.Amount(l).ShouldBe(2_500.00m, "the leftover cent goes to the larger remainder"));
        margins.Single(l => l.GetProperty("partnerId").GetGuid() == c).Apply(l => IncentiveApi.Amount(l).ShouldBe(833.33m));
        var referral = all.Single(l => l.GetProperty("rule").GetString() == "T-referral");
        referral.GetProperty("partnerId").GetGuid().ShouldBe(b, "the referrer is rewarded even though others closed the deal");
        IncentiveApi.Amount(referral).ShouldBe(400m);
        foreach (var line in all)
        {
            line.GetProperty("explanation").GetString().ShouldNotBeNullOrWhiteSpace();
            line.GetProperty("status").GetString().ShouldBe("accrued");
        }
        margins[0].GetProperty("explanation").GetString()!.ShouldContain("10% = 3,333.33 EUR");

        // Each partner sees its own lines, and the customer it earned from; never another partner's line.
        var own = await IncentiveApi.LinesAsync(bergmann, id);
        own.ShouldAllBe(l => l.GetProperty("partnerId").GetGuid() == b);
        own.ShouldContain(l => l.GetProperty("rule").GetString() == "T-referral" && l.GetProperty("customerName").GetString() == "Quarzwerk Halle GmbH");
        var alpenglowLine = margins.Single(l => l.GetProperty("partnerId").GetGuid() == a).GetProperty("id").GetGuid();
        var missing = await bergmann.GetAsync($"/api/v1/accruals/{Guid.CreateVersion7()}");
        var foreign = await bergmann.GetAsync($"/api/v1/accruals/{alpenglowLine}");
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await foreign.Content.ReadAsStringAsync()).Split("traceId")[0].ShouldBe((await missing.Content.ReadAsStringAsync()).Split("traceId")[0], "another partner's line looks exactly like a missing one");
        (await IncentiveApi.LinesAsync(cobalt, id)).ShouldAllBe(l => l.GetProperty("partnerId").GetGuid() == c);
        // The split partner was granted sight of the registration.
        (await cobalt.GetAsync($"{DealApi.Url}/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Statements by period: the vendor names the partner; a partner gets its own and 404 for another's.
        var period = app.Clock.GetUtcNow().ToString("yyyy-MM");
        var statement = await cobalt.GetFromJsonAsync<JsonElement>($"/api/v1/statements/{period}");
        statement.GetProperty("partnerId").GetGuid().ShouldBe(c);
        statement.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("currency").GetString() == "EUR")
            .GetProperty("accrued").GetProperty("amount").GetDecimal().ShouldBeGreaterThanOrEqualTo(833.33m);
        (await cobalt.GetAsync($"/api/v1/statements/{period}?partnerId={a}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/v1/statements/{period}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetAsync($"/api/v1/statements/{period}?partnerId={a}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_deal_in_another_currency_is_converted_at_finances_rate_of_its_close_date_and_tier_multipliers_apply()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var finance = await app.ApiAs(IncentiveApi.FinanceEmail);
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        var b = await app.PartnerIdBySlug("bergmann");
        var tier = await app.Db(db => db.Partners.Where(p => p.Id == b).Select(p => p.TierId!.Value).SingleAsync());
        await IncentiveApi.CreateProgramAsync(admin, "Zloty rewards", [new { kind = "percentage", name = "T-pln", rate = 2.5m }],
            [new { tierId = tier, multiplier = 1.5m }]);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        // Finance keeps the rates; a bad line names its field and changes nothing.
        var bad = await finance.PutAsJsonAsync("/api/v1/exchange-rates", new { rates = new object[] { new { from = "NZD", to = "EUR", validFrom = today, rate = -1m } } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("rates[0].rate");
        (await admin.PutAsJsonAsync("/api/v1/exchange-rates", new { rates = Array.Empty<object>() })).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "rates are finance's");
        await IncentiveApi.SendOkAsync(finance, HttpMethod.Put, "/api/v1/exchange-rates", new
        {
            rates = new object[]
            {
                new { from = "NZD", to = "EUR", validFrom = today.AddDays(-10), rate = 0.5m },
                new { from = "NZD", to = "EUR", validFrom = today.AddDays(1), rate = 0.9m },
            },
        }, status: 204);

        var id = await IncentiveApi.WonDealAsync(app, bergmann, cm, "Kauri Timber Ltd", 12_345.67m, "NZD");
        var line = (await IncentiveApi.LinesAsync(bergmann, id)).Single(l => l.GetProperty("rule").GetString() == "T-pln");
        // 1,234,567 cents × 0.5 = 617,283.5 → 617,284 (half to even); 2.5% = 15,432.1 → 15,432; × 1.5 = 23,148 cents.
        IncentiveApi.Amount(line).ShouldBe(231.48m);
        line.GetProperty("exchangeRate").GetDecimal().ShouldBe(0.5m, "the rate in force on the close date, not a later one");
        line.GetProperty("multiplier").GetDecimal().ShouldBe(1.5m);
        line.GetProperty("explanation").GetString()!.ShouldContain("12,345.67 NZD × 0.500000 EUR/NZD = 6,172.84 EUR");
    }

    [Fact]
    public async Task A_reversed_deal_gives_back_exactly_what_it_earned_within_the_window_and_nothing_after_it()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        await IncentiveApi.CreateProgramAsync(admin, "Clawback rewards",
        [
            new { kind = "percentage", name = "T-claw", rate = 7m },
            new { kind = "registrationBonus", name = "T-bonus", amount = new { amount = 99.99m, currency = "EUR" } },
        ], clawbackDays: 30);
        var early = await IncentiveApi.WonDealAsync(app, alpenglow, cm, "Wolkenbank eG", 10_000.01m);
        var late = await IncentiveApi.WonDealAsync(app, alpenglow, cm, "Sturmfeder AG", 20_000m);
        app.Clock.Advance(TimeSpan.FromDays(10));
        cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        (await DealApi.ActAsync(app, cm, early, "reverse", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DealApi.ActOkAsync(app, cm, early, "reverse", new { reason = "The customer cancelled." })).GetProperty("status").GetString().ShouldBe("reversed");
        var lines = (await IncentiveApi.LinesAsync(admin, early)).Where(l => l.GetProperty("rule").GetString() is "T-claw" or "T-bonus").ToList();
        lines.Count.ShouldBe(4);
        lines.Sum(IncentiveApi.Amount).ShouldBe(0m, "the clawbacks reverse exactly what was earned");
        var clawbacks = lines.Where(l => l.GetProperty("kind").GetString() == "clawback").ToList();
        clawbacks.Count.ShouldBe(2);
        clawbacks.ShouldAllBe(l => l.GetProperty("reversesId").GetGuid() != Guid.Empty && l.GetProperty("explanation").GetString()!.Contains("30-day window"));

        app.Clock.Advance(TimeSpan.FromDays(25));
        cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        await DealApi.ActOkAsync(app, cm, late, "reverse", new { reason = "Refunded after the window." });
        var after = (await IncentiveApi.LinesAsync(admin, late)).Where(l => l.GetProperty("rule").GetString() is "T-claw" or "T-bonus").ToList();
        after.ShouldAllBe(l => l.GetProperty("kind").GetString() == "earning", "35 days after the close, outside the 30-day window");
        (await DealApi.ActAsync(app, cm, late, "reverse", new { reason = "Again." })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "only a won deal is reversed");
    }

    [Fact]
    public async Task The_registered_deal_bonus_needs_the_approval_by_the_close_date()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        await IncentiveApi.CreateProgramAsync(admin, "Approval rewards",
        [
            new { kind = "percentage", name = "T-approval-margin", rate = 2m },
            new { kind = "registrationBonus", name = "T-approval-bonus", amount = new { amount = 150m, currency = "EUR" } },
        ]);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var onTime = await IncentiveApi.WonDealAsync(app, bergmann, cm, "Kranichfeld Werkzeug GmbH", 8_000m, closedOn: today);
        var before = await IncentiveApi.WonDealAsync(app, bergmann, cm, "Auenwald Kellerei eG", 8_000m, closedOn: today.AddDays(-3));
        string[] Rules(List<JsonElement> lines) => [.. lines.Select(l => l.GetProperty("rule").GetString()!).Where(r => r.StartsWith("T-approval")).Order()];
        Rules(await IncentiveApi.LinesAsync(bergmann, onTime)).ShouldBe(["T-approval-bonus", "T-approval-margin"]);
        Rules(await IncentiveApi.LinesAsync(bergmann, before)).ShouldBe(["T-approval-margin"], "closed three days before its registration was approved: not won as a registered deal");
    }

    [Fact]
    public async Task Programs_are_rules_as_data_that_partners_read_and_bad_rules_are_refused_by_field()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var bad = await admin.PostAsJsonAsync("/api/v1/incentive-programs", new
        {
            name = "Broken",
            currency = "EUR",
            validFrom = "2026-01-01",
            clawbackDays = 30,
            rules = new object[] { new { kind = "percentage", name = "x", rate = 120m }, new { kind = "spiff", name = "y", amount = new { amount = 10m, currency = "USD" } }, new { kind = "bogus", name = "z" } },
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await bad.Content.ReadAsStringAsync();
        text.ShouldContain("rules[0].rate");
        text.ShouldContain("rules[1].amount.currency");
        text.ShouldContain("rules[2].kind");
        (await app.Db(db => db.IncentivePrograms.CountAsync(p => p.Name == "Broken"))).ShouldBe(0);

        var created = await IncentiveApi.CreateProgramAsync(admin, "Readable", [new { kind = "spiff", name = "Spring SPIFF", amount = new { amount = 300m, currency = "EUR" },
            windowFrom = "2026-03-01", windowTo = "2026-05-31", cap = new { amount = 900m, currency = "EUR" } }]);
        var id = created.GetProperty("id").GetGuid();
        var partner = await app.ApiAs(ValuewebFactory.PartnerB);
        var read = await partner.GetFromJsonAsync<JsonElement>($"/api/v1/incentive-programs/{id}");
        read.GetProperty("rules")[0].GetProperty("summary").GetString().ShouldBe("300.00 EUR per deal won from 2026-03-01 to 2026-05-31, up to 900.00 EUR per partner.");
        (await partner.PostAsJsonAsync("/api/v1/incentive-programs", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Editing needs the version read; a stale one changes nothing.
        var etag = await app.ETagOf(admin, $"/api/v1/incentive-programs/{id}");
        var change = new { name = "Readable 2", currency = "EUR", validFrom = "2026-01-01", clawbackDays = 10, rules = new object[] { new { kind = "percentage", name = "P", rate = 1.25m } } };
        await IncentiveApi.SendOkAsync(admin, HttpMethod.Put, $"/api/v1/incentive-programs/{id}", change, etag);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/incentive-programs/{id}") { Content = JsonContent.Create(change) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        (await admin.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }
}

internal static class JsonElementExtensions
{
    public static void Apply(this JsonElement e, Action<JsonElement> check) => check(e);
}
