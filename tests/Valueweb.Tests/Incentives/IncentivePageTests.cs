using System.Net;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Incentives;

/// <summary>The program editor and finance's rates page, posted as plain HTML forms.</summary>
public sealed class IncentivePageTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    [Fact]
    public async Task A_vendor_admin_creates_a_program_on_the_page_errors_stay_by_their_field_and_partners_read_the_rules()
    {
        var admin = await PageSession.SignInAsync(app, ValuewebFactory.VendorAdmin);
        var fields = new Dictionary<string, string>
        {
            ["Form.Key"] = "page-program-1",
            ["Form.Name"] = "Page SPIFF program",
            ["Form.Currency"] = "EUR",
            ["Form.ValidFrom"] = "2026-11-01",
            ["Form.ClawbackDays"] = "45",
            ["Form.Active"] = "true",
            ["Form.Rules[0].Kind"] = "percentage",
            ["Form.Rules[0].Name"] = "Page margin",
            ["Form.Rules[0].Rate"] = "250",
            ["Form.Rules[1].Kind"] = "spiff",
            ["Form.Rules[1].Name"] = "Winter SPIFF",
            ["Form.Rules[1].Amount"] = "150",
            ["Form.Rules[1].WindowFrom"] = "2026-12-01",
            ["Form.Rules[1].WindowTo"] = "2027-02-28",
            ["Form.Rules[1].Cap"] = "600",
        };
        var refused = await admin.SubmitAsync("/incentives/new", "program", fields);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        html.ShouldContain("Greater than 0 and at most 100.");
        html.ShouldContain("value=\"Winter SPIFF\"", customMessage: "the input is kept after an error");
        (await app.Db(db => db.IncentivePrograms.CountAsync(p => p.Name == "Page SPIFF program"))).ShouldBe(0);

        fields["Form.Rules[0].Rate"] = "2.5";
        var saved = await admin.SubmitAsync("/incentives/new", "program", fields);
        ((int)saved.StatusCode).ShouldBeInRange(300, 399);
        var program = await app.Db(db => db.IncentivePrograms.Include(p => p.Rules).SingleAsync(p => p.Name == "Page SPIFF program"));
        program.Rules.Count.ShouldBe(2);
        program.Rules.Single(r => r.Name == "Winter SPIFF").CapMinor.ShouldBe(60_000);
        program.Rules.Single(r => r.Name == "Page margin").RatePpm.ShouldBe(25_000);
        ((int)(await admin.SubmitAsync("/incentives/new", "program", fields)).StatusCode).ShouldBeInRange(300, 399, "the same form twice creates one program");
        (await app.Db(db => db.IncentivePrograms.CountAsync(p => p.Name == "Page SPIFF program"))).ShouldBe(1);

        var partner = await PageSession.SignInAsync(app, ValuewebFactory.PartnerB);
        var read = WebUtility.HtmlDecode(await partner.GetAsync("/incentives"));
        read.ShouldContain("150.00 EUR per deal won from 2026-12-01 to 2027-02-28, up to 600.00 EUR per partner.");
        var denied = await partner.Client.GetAsync($"/incentives/{program.Id}/edit");
        denied.StatusCode.ShouldBe(HttpStatusCode.Found, "a partner is sent to the page that says it may not");
        denied.Headers.Location!.ToString().ShouldContain("denied");

        // Editing keeps the rule ids (and so a SPIFF's cap use).
        var spiff = program.Rules.Single(r => r.Name == "Winter SPIFF").Id;
        var edit = WebUtility.HtmlDecode(await admin.GetAsync($"/incentives/{program.Id}/edit"));
        edit.ShouldContain(spiff.ToString());
        var change = new Dictionary<string, string>(fields)
        {
            ["Form.Key"] = "page-program-edit-1",
            ["Form.Version"] = program.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Rules[0].Id"] = program.Rules.Single(r => r.Name == "Page margin").Id.ToString(),
            ["Form.Rules[1].Id"] = spiff.ToString(),
            ["Form.Rules[1].Amount"] = "175",
        };
        ((int)(await admin.SubmitAsync($"/incentives/{program.Id}/edit", "program", change)).StatusCode).ShouldBeInRange(300, 399);
        var after = await app.Db(db => db.IncentiveRules.SingleAsync(r => r.Id == spiff));
        after.AmountMinor.ShouldBe(17_500);
    }

    [Fact]
    public async Task Finance_keeps_exchange_rates_on_a_page_and_others_only_read_them()
    {
        var finance = await PageSession.SignInAsync(app, IncentiveApi.FinanceEmail);
        var bad = await finance.SubmitAsync("/exchange-rates", "rate", new() { ["Rate.From"] = "ZZZ", ["Rate.To"] = "EUR", ["Rate.ValidFrom"] = "2026-11-01", ["Rate.Value"] = "1.5" });
        WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()).ShouldContain("An ISO 4217 currency code in capitals, such as USD.");
        var ok = await finance.SubmitAsync("/exchange-rates", "rate", new() { ["Rate.From"] = "jpy", ["Rate.To"] = "EUR", ["Rate.ValidFrom"] = "2026-11-01", ["Rate.Value"] = "0.0061" });
        WebUtility.HtmlDecode(await ok.Content.ReadAsStringAsync()).ShouldContain("Saved: 1 JPY = 0.0061 EUR from 2026-11-01.");
        (await app.Db(db => db.ExchangeRates.SingleAsync(r => r.From == "JPY" && r.To == "EUR"))).RateMicros.ShouldBe(6_100);

        var partner = await PageSession.SignInAsync(app, ValuewebFactory.PartnerA);
        var read = await partner.GetAsync("/exchange-rates");
        read.ShouldContain("0.006100");
        read.ShouldNotContain("Save rate");
    }

    [Fact]
    public async Task A_channel_manager_sets_a_revenue_split_on_the_deal_page_and_the_other_partner_then_sees_the_deal()
    {
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var line = await Deals.DealApi.LineAsync(alpenglow, "Collaboration");
        var id = (await Deals.DealApi.RegisterAsync(alpenglow, Deals.DealApi.Body("Glockenturm Medien GmbH", null, [line]))).GetProperty("id").GetGuid();
        await Deals.DealApi.ActOkAsync(app, cm, id, "approve");
        var (a, c) = (await app.PartnerIdBySlug("alpenglow"), await app.PartnerIdBySlug("cobalt"));
        var cobalt = await PageSession.SignInAsync(app, ValuewebFactory.PartnerC);
        (await cobalt.Client.GetAsync($"/deals/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var page = await PageSession.SignInAsync(app, ValuewebFactory.ChannelManager);
        var version = await app.Db(db => db.DealRegistrations.Where(r => r.Id == id).Select(r => r.Version).SingleAsync());
        var wrong = await page.SubmitAsync($"/deals/{id}", "split", new()
        {
            ["Split.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Split.Partners[0]"] = a.ToString(),
            ["Split.Shares[0]"] = "60",
            ["Split.Partners[1]"] = c.ToString(),
            ["Split.Shares[1]"] = "30",
        });
        WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()).ShouldContain("they must add up to 100%");
        var saved = await page.SubmitAsync($"/deals/{id}", "split", new()
        {
            ["Split.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Split.Partners[0]"] = a.ToString(),
            ["Split.Shares[0]"] = "60",
            ["Split.Partners[1]"] = c.ToString(),
            ["Split.Shares[1]"] = "40",
        });
        ((int)saved.StatusCode).ShouldBeInRange(300, 399);
        var splits = await app.Db(db => db.DealSplits.Where(x => x.RegistrationId == id).OrderByDescending(x => x.ShareBasisPoints).Select(x => x.ShareBasisPoints).ToListAsync());
        splits.ShouldBe([6_000, 4_000]);
        WebUtility.HtmlDecode(await cobalt.GetAsync($"/deals/{id}")).ShouldContain("Cobalt Distribution 40 %");
    }
}
