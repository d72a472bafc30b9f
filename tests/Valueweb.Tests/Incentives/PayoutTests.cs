using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Features.Incentives;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Incentives;

/// <summary>Disputes and their answers; payout batches pay each line exactly once under retries and concurrent approvals.</summary>
public sealed class PayoutTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private const string Batches = "/api/v1/payout-batches";

    [Fact]
    public async Task A_partner_disputes_a_line_finance_upholds_it_with_an_adjustment_and_the_history_shows_both()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var finance = await app.ApiAs(IncentiveApi.FinanceEmail);
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        await IncentiveApi.CreateProgramAsync(admin, "Dispute rewards", [new { kind = "percentage", name = "D-margin", rate = 4m }]);
        var deal = await IncentiveApi.WonDealAsync(app, alpenglow, cm, "Eisvogel Reisen GmbH", 50_000m);
        var line = (await IncentiveApi.LinesAsync(alpenglow, deal)).Single(l => l.GetProperty("rule").GetString() == "D-margin");
        var lineId = line.GetProperty("id").GetGuid();

        // Bad input names the field; a competitor's attempt is a 404 like a missing line.
        var empty = await alpenglow.PostAsJsonAsync($"/api/v1/accruals/{lineId}/disputes", new { comment = " " });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("comment");
        (await bergmann.PostAsJsonAsync($"/api/v1/accruals/{lineId}/disputes", new { comment = "Mine!" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var dispute = await IncentiveApi.SendOkAsync(alpenglow, HttpMethod.Post, $"/api/v1/accruals/{lineId}/disputes",
            new { comment = "The deal included 10,000 EUR of services at 6%." }, key: "dispute-1", status: 201);
        var again = await IncentiveApi.SendOkAsync(alpenglow, HttpMethod.Post, $"/api/v1/accruals/{lineId}/disputes",
            new { comment = "The deal included 10,000 EUR of services at 6%." }, key: "dispute-1", status: 201);
        again.GetProperty("id").GetGuid().ShouldBe(dispute.GetProperty("id").GetGuid(), "a retried dispute is one dispute");
        (await alpenglow.PostAsJsonAsync($"/api/v1/accruals/{lineId}/disputes", new { comment = "Twice" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await alpenglow.GetFromJsonAsync<JsonElement>($"/api/v1/accruals/{lineId}")).GetProperty("disputed").GetBoolean().ShouldBeTrue();
        var disputeId = dispute.GetProperty("id").GetGuid();
        (await bergmann.GetAsync($"/api/v1/disputes/{disputeId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bergmann.GetFromJsonAsync<JsonElement>("/api/v1/disputes?limit=100")).GetProperty("items").EnumerateArray()
            .ShouldNotContain(d => d.GetProperty("id").GetGuid() == disputeId);

        // Finance answers.
        var url = $"/api/v1/disputes/{disputeId}";
        var etag = await app.ETagOf(finance, url);
        var wrong = new HttpRequestMessage(HttpMethod.Post, url + "/resolve") { Content = JsonContent.Create(new { outcome = "maybe", resolution = "" }) };
        wrong.Headers.TryAddWithoutValidation("If-Match", etag);
        var wrongText = await (await finance.SendAsync(wrong)).Content.ReadAsStringAsync();
        wrongText.ShouldContain("outcome");
        wrongText.ShouldContain("resolution");
        var resolved = await IncentiveApi.SendOkAsync(finance, HttpMethod.Post, url + "/resolve",
            new { outcome = "upheld", resolution = "Services earn 6%: we add the difference.", adjustment = new { amount = 200m, currency = "EUR" } }, etag);
        resolved.GetProperty("status").GetString().ShouldBe("upheld");
        var adjustmentId = resolved.GetProperty("adjustmentId").GetGuid();
        var adjustment = await alpenglow.GetFromJsonAsync<JsonElement>($"/api/v1/accruals/{adjustmentId}");
        adjustment.GetProperty("kind").GetString().ShouldBe("adjustment");
        IncentiveApi.Amount(adjustment).ShouldBe(200m);
        adjustment.GetProperty("explanation").GetString()!.ShouldContain("Services earn 6%");
        (await alpenglow.GetFromJsonAsync<JsonElement>($"/api/v1/accruals/{lineId}")).GetProperty("disputed").GetBoolean().ShouldBeFalse();
        var redo = new HttpRequestMessage(HttpMethod.Post, url + "/resolve") { Content = JsonContent.Create(new { outcome = "rejected", resolution = "No." }) };
        redo.Headers.TryAddWithoutValidation("If-Match", await app.ETagOf(finance, url));
        (await finance.SendAsync(redo)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a dispute is answered once");
        var history = await app.Db(db => db.Events.Where(e => e.SubjectId == lineId).Select(e => e.Type).ToListAsync());
        history.ShouldContain("accrual.disputed");
        history.ShouldContain("accrual.disputeResolved");
    }

    [Fact]
    public async Task A_batch_pays_every_payable_line_exactly_once_under_retries_and_concurrent_approvals_and_exports_them()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);
        await IncentiveApi.CreateProgramAsync(admin, "Batch rewards", [new { kind = "percentage", name = "B-margin", rate = 3m }]);
        var deal = await IncentiveApi.WonDealAsync(app, alpenglow, cm, "Lindenhof Brauerei KG", 40_000m);
        var period = app.Clock.GetUtcNow().ToString("yyyy-MM");
        app.Clock.Advance(TimeSpan.FromDays(40));
        var finance = await app.ApiAs(IncentiveApi.FinanceEmail);
        alpenglow = await app.ApiAs(ValuewebFactory.PartnerA);

        var open = await app.Db(db => db.Accruals.Where(a => !db.PayoutBatchLines.Any(l => l.AccrualId == a.Id) && !a.Disputed && string.Compare(a.Period, period) <= 0)
            .Select(a => new { a.Id, a.PartnerId, a.Currency, a.AmountMinor }).ToListAsync());
        var payable = open.GroupBy(a => (a.PartnerId, a.Currency)).Where(g => g.Sum(a => a.AmountMinor) > 0).SelectMany(g => g.Select(a => a.Id)).ToList();
        payable.ShouldNotBeEmpty();
        (await finance.PostAsJsonAsync(Batches, new { period = "2026-13" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Built once, whatever the retries.
        var built = await IncentiveApi.SendOkAsync(finance, HttpMethod.Post, Batches, new { period }, key: "batch-1", status: 201);
        var retried = await IncentiveApi.SendOkAsync(finance, HttpMethod.Post, Batches, new { period }, key: "batch-1", status: 201);
        var id = built.GetProperty("id").GetGuid();
        retried.GetProperty("id").GetGuid().ShouldBe(id);
        built.GetProperty("lineCount").GetInt32().ShouldBe(payable.Count);
        (await finance.PostAsJsonAsync(Batches, new { period })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "every payable line is in the first batch already");
        var inBatch = await app.Db(db => db.PayoutBatchLines.Where(l => l.BatchId == id).Select(l => l.AccrualId).ToListAsync());
        inBatch.OrderBy(x => x).ShouldBe(payable.OrderBy(x => x));

        // Two approvals at once: one wins, the other is told its version is stale.
        var url = $"{Batches}/{id}";
        var etag = await app.ETagOf(finance, url);
        var finance2 = await app.ApiAs(IncentiveApi.FinanceEmail);
        Task<HttpResponseMessage> Approve(HttpClient client)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url + "/approve");
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            return client.SendAsync(request);
        }
        var answers = await Task.WhenAll(Approve(finance), Approve(finance2));
        answers.Select(a => (int)a.StatusCode).OrderBy(s => s).ShouldBe([200, 412]);
        (await finance.GetFromJsonAsync<JsonElement>(url)).GetProperty("status").GetString().ShouldBe("approved");

        // Paid once: a retry with the same key answers the same; another attempt is refused.
        etag = await app.ETagOf(finance, url);
        var paid = await IncentiveApi.SendOkAsync(finance, HttpMethod.Post, url + "/pay", new { reference = "SEPA-2026-12" }, etag, key: "pay-1");
        var paidAgain = await IncentiveApi.SendOkAsync(finance, HttpMethod.Post, url + "/pay", new { reference = "SEPA-2026-12" }, etag, key: "pay-1");
        paid.GetProperty("status").GetString().ShouldBe("paid");
        paidAgain.GetProperty("paidAt").GetDateTimeOffset().ShouldBe(paid.GetProperty("paidAt").GetDateTimeOffset());
        await IncentiveApi.SendOkAsync(finance, HttpMethod.Post, url + "/pay", new { reference = "SEPA-2026-12" }, await app.ETagOf(finance, url), key: "pay-2", status: 400);
        (await app.Db(db => db.PayoutBatchLines.CountAsync(l => l.BatchId == id && db.PayoutBatches.Any(b => b.Id == id && b.Status == PayoutBatchStatus.Paid))))
            .ShouldBe(payable.Count);
        var events = await app.Db(db => db.Events.CountAsync(e => e.Type == "payout.paid" && e.SubjectId == id));
        events.ShouldBe(built.GetProperty("partnerCount").GetInt32(), "one payment event per partner, not per retry");

        // The partner's statement shows the line paid; the export lists each line once.
        var mine = (await IncentiveApi.LinesAsync(alpenglow, deal)).Single(l => l.GetProperty("rule").GetString() == "B-margin");
        mine.GetProperty("status").GetString().ShouldBe("paid");
        mine.TryGetProperty("batchId", out var batchOfLine).ShouldBeTrue();
        batchOfLine.ValueKind.ShouldBe(JsonValueKind.Null, "partners do not see batch internals");
        var csv = await finance.GetStringAsync(url + "/lines.csv");
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Length.ShouldBe(payable.Count + 1);
        rows.Skip(1).Select(r => r.Split(',')[3]).Distinct().Count().ShouldBe(payable.Count);
        csv.ShouldContain(mine.GetProperty("id").GetGuid().ToString());
        (await alpenglow.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "batches are finance's");
    }

    [Fact]
    public async Task A_draft_batch_can_be_discarded_and_its_lines_wait_for_the_next()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var cm = await app.ApiAs(ValuewebFactory.ChannelManager);
        var bergmann = await app.ApiAs(ValuewebFactory.PartnerB);
        await IncentiveApi.CreateProgramAsync(admin, "Discard rewards", [new { kind = "registrationBonus", name = "X-bonus", amount = new { amount = 75m, currency = "EUR" } }]);
        await IncentiveApi.WonDealAsync(app, bergmann, cm, "Moorlicht Pflege gGmbH", 9_000m);
        var finance = await app.ApiAs(IncentiveApi.FinanceEmail);
        var period = app.Clock.GetUtcNow().ToString("yyyy-MM");
        var built = await IncentiveApi.SendOkAsync(finance, HttpMethod.Post, Batches, new { period }, status: 201);
        var id = built.GetProperty("id").GetGuid();
        await IncentiveApi.SendOkAsync(finance, HttpMethod.Post, $"{Batches}/{id}/discard", null, await app.ETagOf(finance, $"{Batches}/{id}"));
        (await app.Db(db => db.PayoutBatchLines.CountAsync(l => l.BatchId == id))).ShouldBe(0);
        var next = await IncentiveApi.SendOkAsync(finance, HttpMethod.Post, Batches, new { period }, status: 201);
        next.GetProperty("lineCount").GetInt32().ShouldBe(built.GetProperty("lineCount").GetInt32());
        await IncentiveApi.SendOkAsync(finance, HttpMethod.Post, $"{Batches}/{id}/approve", null, await app.ETagOf(finance, $"{Batches}/{id}"), status: 400);
    }
}
