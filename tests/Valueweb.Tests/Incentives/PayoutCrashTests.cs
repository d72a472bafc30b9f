using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Incentives;
using Valueweb.Features.Organisations;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Incentives;

/// <summary>
/// A payout step killed in the middle (SIGKILL, as a crash) leaves it fully done or not at all; run again with the same
/// Idempotency-Key on another process, every line is paid exactly once: none twice, none lost.
/// </summary>
public sealed class PayoutCrashTests
{
    private const int LinesPerPartner = 600;
    private const string Period = "2026-10";

    [Fact]
    public async Task A_process_killed_while_building_or_paying_a_batch_leaves_no_line_paid_twice_or_lost()
    {
        var connection = await TestDatabases.CloneAsync();
        var payable = await SeedLinesAsync(connection);
        var settings = new Dictionary<string, string>();

        // Build, killed at growing delays until a build has landed; after each kill the database is consistent.
        Guid? batchId = null;
        foreach (var delay in new[] { 50, 250, 700, 1500, 4000 })
        {
            await using var node = await AppProcess.StartAsync(connection, settings);
            var finance = await SignInAsync(node);
            var request = Post(finance, "/api/v1/payout-batches", new { period = Period }, key: "crash-build");
            await Task.Delay(delay);
            node.Kill();
            try { await request; } catch (HttpRequestException) { } catch (TaskCanceledException) { }
            batchId = await CheckConsistentAsync(connection, payable);
            if (batchId is not null) break;
        }

        // Another process finishes the job: the same key builds the batch (or answers the one that landed).
        await using (var node = await AppProcess.StartAsync(connection, settings))
        {
            var finance = await SignInAsync(node);
            var built = await ReadAsync(await Post(finance, "/api/v1/payout-batches", new { period = Period }, key: "crash-build"), 201);
            var id = built.GetProperty("id").GetGuid();
            if (batchId is { } landed) id.ShouldBe(landed, "the retry answers the batch the killed process committed");
            batchId = id;
            (await CheckConsistentAsync(connection, payable)).ShouldBe(id);
            await ReadAsync(await Post(finance, $"/api/v1/payout-batches/{id}/approve", null, await ETagAsync(finance, id)), 200);
        }

        // Pay, killed at growing delays; then paid for good by another process with the same key.
        var paidEarly = false;
        foreach (var delay in new[] { 30, 150, 500 })
        {
            await using var node = await AppProcess.StartAsync(connection, settings);
            var finance = await SignInAsync(node);
            var request = Post(finance, $"/api/v1/payout-batches/{batchId}/pay", new { reference = "CRASH-1" }, await ETagAsync(finance, batchId!.Value), key: "crash-pay");
            await Task.Delay(delay);
            node.Kill();
            try { await request; } catch (HttpRequestException) { } catch (TaskCanceledException) { }
            var status = await CheckConsistentAsync(connection, payable, paidOrApproved: true);
            status.ShouldBe(batchId);
            paidEarly = await WithDb(connection, db => db.PayoutBatches.AnyAsync(b => b.Id == batchId && b.Status == PayoutBatchStatus.Paid));
            if (paidEarly) break;
        }
        await using (var node = await AppProcess.StartAsync(connection, settings))
        {
            var finance = await SignInAsync(node);
            if (!paidEarly)
                await ReadAsync(await Post(finance, $"/api/v1/payout-batches/{batchId}/pay", new { reference = "CRASH-1" }, await ETagAsync(finance, batchId!.Value), key: "crash-pay"), 200);
            else
                (await ReadAsync(await Post(finance, $"/api/v1/payout-batches/{batchId}/pay", new { reference = "CRASH-1" }, await ETagAsync(finance, batchId!.Value), key: "crash-pay-2"), 400))
                    .GetRawText().ShouldContain("status", customMessage: "paying a paid batch again is refused");
        }

        await WithDb(connection, async db =>
        {
            var lines = await db.PayoutBatchLines.Where(l => payable.Contains(l.AccrualId)).Select(l => l.BatchId).ToListAsync();
            lines.Count.ShouldBe(payable.Count);
            lines.ShouldAllBe(b => b == batchId, "every line in the one batch");
            var batch = await db.PayoutBatches.SingleAsync(b => b.Id == batchId);
            batch.Status.ShouldBe(PayoutBatchStatus.Paid);
            var events = await db.Events.CountAsync(e => e.Type == "payout.paid" && e.SubjectId == batchId);
            events.ShouldBe(await db.PayoutBatchTotals.CountAsync(t => t.BatchId == batchId), "each partner is told once");
            return true;
        });
    }

    [Fact]
    public async Task Two_processes_building_and_approving_the_same_period_at_once_pay_each_line_once()
    {
        var connection = await TestDatabases.CloneAsync();
        var payable = await SeedLinesAsync(connection);
        await using var first = await AppProcess.StartAsync(connection, new Dictionary<string, string>());
        await using var second = await AppProcess.StartAsync(connection, new Dictionary<string, string>());
        var (a, b) = (await SignInAsync(first), await SignInAsync(second));

        var answers = await Task.WhenAll(Post(a, "/api/v1/payout-batches", new { period = Period }, key: "node-a"),
            Post(b, "/api/v1/payout-batches", new { period = Period }, key: "node-b"));
        answers.Select(r => (int)r.StatusCode).OrderBy(x => x).ToArray().ShouldBe([201, 400], "one node builds the batch; the other finds nothing left to pay");
        var winner = answers[0].StatusCode == System.Net.HttpStatusCode.Created ? a : b;
        var id = (await ReadAsync(answers.Single(r => (int)r.StatusCode == 201), 201)).GetProperty("id").GetGuid();
        (await CheckConsistentAsync(connection, payable)).ShouldBe(id);

        var etag = await ETagAsync(winner, id);
        var approvals = await Task.WhenAll(Post(a, $"/api/v1/payout-batches/{id}/approve", null, etag), Post(b, $"/api/v1/payout-batches/{id}/approve", null, etag));
        approvals.Select(r => (int)r.StatusCode).OrderBy(x => x).ToArray().ShouldBe([200, 412], "one approval wins; the other read a version that is gone");
        etag = await ETagAsync(a, id);
        var payments = await Task.WhenAll(Post(a, $"/api/v1/payout-batches/{id}/pay", null, etag), Post(b, $"/api/v1/payout-batches/{id}/pay", null, etag));
        payments.Select(r => (int)r.StatusCode).OrderBy(x => x).ToArray().ShouldBe([200, 412]);
        (await CheckConsistentAsync(connection, payable, paidOrApproved: true)).ShouldBe(id);
        (await WithDb(connection, db => db.PayoutBatches.SingleAsync(x => x.Id == id))).Status.ShouldBe(PayoutBatchStatus.Paid);
    }

    /// <summary>Adds many accrued lines for the demo's partners, so that building and paying take long enough to be interrupted.</summary>
    private static async Task<HashSet<Guid>> SeedLinesAsync(string connection) => await WithDb(connection, async db =>
    {
        var program = await db.IncentivePrograms.Select(p => p.Id).FirstAsync();
        var partners = await db.Organisations.Where(o => o.Kind == OrganisationKind.Partner).Select(o => o.Id).ToListAsync();
        var now = DateTimeOffset.UtcNow;
        foreach (var partner in partners)
            for (var i = 0; i < LinesPerPartner; i++)
                db.Accruals.Add(new Accrual
                {
                    PartnerId = partner,
                    ProgramId = program,
                    Kind = AccrualKind.Earning,
                    RuleName = "Crash test",
                    BaseMinor = 100_000,
                    BaseCurrency = "EUR",
                    ExchangeRateMicros = 1_000_000,
                    ShareBasisPoints = 10_000,
                    MultiplierPermille = 1000,
                    AmountMinor = 1_000 + i,
                    Currency = "EUR",
                    Explanation = $"Crash test line {i}.",
                    EarnedOn = new DateOnly(2026, 10, 1 + (i % 28)),
                    Period = Period,
                    CreatedAt = now,
                });
        await db.SaveChangesAsync();
        // What a batch up to the period must pay: every accrued line outside a batch and not disputed, of partners with a positive total.
        var open = await db.Accruals.Where(a => !db.PayoutBatchLines.Any(l => l.AccrualId == a.Id) && !a.Disputed && string.Compare(a.Period, Period) <= 0)
            .Select(a => new { a.Id, a.PartnerId, a.Currency, a.AmountMinor }).ToListAsync();
        return open.GroupBy(a => (a.PartnerId, a.Currency)).Where(g => g.Sum(a => a.AmountMinor) > 0).SelectMany(g => g.Select(a => a.Id)).ToHashSet();
    });

    /// <summary>
    /// Either no batch took the lines, or one batch holds exactly all of them with totals that match; paid lines are all or
    /// none of the batch, as its status says. Returns the batch, if one landed.
    /// </summary>
    private static Task<Guid?> CheckConsistentAsync(string connection, HashSet<Guid> payable, bool paidOrApproved = false) => WithDb(connection, async db =>
    {
        var batches = await db.PayoutBatches.Where(b => b.Status != PayoutBatchStatus.Discarded && b.Period == Period).ToListAsync();
        var lines = await (from a in db.Accruals
                           where payable.Contains(a.Id)
                           join l in db.PayoutBatchLines on a.Id equals l.AccrualId into ls
                           from l in ls.DefaultIfEmpty()
                           select new { BatchId = l == null ? (Guid?)null : l.BatchId, a.PartnerId, a.AmountMinor }).ToListAsync();
        lines.Count.ShouldBe(payable.Count);
        var crash = batches.Where(b => lines.Any(l => l.BatchId == b.Id)).ToList();
        crash.Count.ShouldBeLessThanOrEqualTo(1, "the lines are in one batch at most");
        var live = await db.PayoutBatches.Where(b => b.Status != PayoutBatchStatus.Discarded).Select(b => b.Id).ToListAsync();
        (await db.PayoutBatchLines.CountAsync(l => !live.Contains(l.BatchId))).ShouldBe(0, "no line left in a discarded or vanished batch");
        if (crash.Count == 0)
        {
            lines.ShouldAllBe(l => l.BatchId == null, "a build that did not land left every line as it was");
            return (Guid?)null;
        }
        var batch = crash[0];
        lines.ShouldAllBe(l => l.BatchId == batch.Id, "a build that landed took every payable line");
        batch.LineCount.ShouldBe(await db.PayoutBatchLines.CountAsync(l => l.BatchId == batch.Id));
        var totals = await db.PayoutBatchTotals.Where(t => t.BatchId == batch.Id).ToDictionaryAsync(t => t.PartnerId, t => t.AmountMinor);
        foreach (var g in lines.GroupBy(l => l.PartnerId))
            totals[g.Key].ShouldBe(await db.Accruals.Where(a => db.PayoutBatchLines.Any(l => l.AccrualId == a.Id && l.BatchId == batch.Id) && a.PartnerId == g.Key)
                .SumAsync(a => a.AmountMinor));
        if (paidOrApproved) batch.Status.ShouldBeOneOf(PayoutBatchStatus.Approved, PayoutBatchStatus.Paid);
        var events = await db.Events.CountAsync(e => e.Type == "payout.paid" && e.SubjectId == batch.Id);
        events.ShouldBe(batch.Status == PayoutBatchStatus.Paid ? totals.Count : 0);
        return batch.Id;
    });

    private static async Task<T> WithDb<T>(string connection, Func<ValuewebDb, Task<T>> work)
    {
        await using var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection));
        return await work(db);
    }

    private static async Task<HttpClient> SignInAsync(AppProcess node)
    {
        var client = new HttpClient { BaseAddress = new Uri(node.BaseUrl), Timeout = TimeSpan.FromSeconds(120) };
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = IncentiveApi.FinanceEmail, password = ValuewebFactory.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, object? body, string? etag = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static async Task<string> ETagAsync(HttpClient client, Guid batch) =>
        (await client.GetAsync($"/api/v1/payout-batches/{batch}")).Headers.ETag!.ToString();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
