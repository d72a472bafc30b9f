using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Incentives;

public sealed record CurrencyAmount(string Currency, MoneyValue Amount, int Lines);

public sealed record PayoutBatchView(Guid Id, string Period, string Status, int LineCount, int PartnerCount, IReadOnlyList<CurrencyAmount> Totals,
    DateTimeOffset CreatedAt, DateTimeOffset? ApprovedAt, DateTimeOffset? PaidAt, string? PaymentReference, long Version);

public sealed record PayoutPartnerView(Guid PartnerId, string PartnerName, MoneyValue Amount, int Lines);

/// <summary>Payout batches as finance reads them, and their exports for the finance system.</summary>
public sealed class PayoutViews(ValuewebDb db)
{
    public async Task<PayoutBatchView?> DetailAsync(Guid id, CancellationToken ct)
    {
        var b = await db.PayoutBatches.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return b is null ? null : (await ViewsAsync([b], ct))[0];
    }

    public async Task<Page<PayoutBatchView>> ListAsync(string? status, int limit, Guid? after, CancellationToken ct)
    {
        var q = db.PayoutBatches.AsNoTracking();
        if (status is not null) q = q.Where(b => b.Status == ParseStatus(status));
        if (after is { } a) q = q.Where(b => b.Id.CompareTo(a) < 0);
        var rows = await q.OrderByDescending(b => b.Id).Take(limit + 1).ToListAsync(ct);
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(limit);
        return new Page<PayoutBatchView>(await ViewsAsync(rows, ct), more ? Paging.Encode(rows[^1].Id.ToString()) : null);
    }

    public static PayoutBatchStatus? ParseStatus(string? s) => s switch
    {
        "draft" => PayoutBatchStatus.Draft,
        "approved" => PayoutBatchStatus.Approved,
        "paid" => PayoutBatchStatus.Paid,
        "discarded" => PayoutBatchStatus.Discarded,
        _ => null,
    };

    public async Task<Page<PayoutPartnerView>> PartnersAsync(Guid batchId, int limit, Guid? after, CancellationToken ct)
    {
        var q = db.PayoutBatchTotals.AsNoTracking().Where(t => t.BatchId == batchId);
        if (after is { } a) q = q.Where(t => t.PartnerId.CompareTo(a) > 0);
        var rows = await (from t in q
                          join o in db.Organisations.AsNoTracking() on t.PartnerId equals o.Id
                          orderby t.PartnerId, t.Currency
                          select new { t.PartnerId, o.DisplayName, t.Currency, t.AmountMinor, t.LineCount }).Take(limit + 1).ToListAsync(ct);
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(limit);
        return new Page<PayoutPartnerView>(rows.Select(r => new PayoutPartnerView(r.PartnerId, r.DisplayName, new Money(r.AmountMinor, r.Currency).ToValue(), r.LineCount)).ToList(),
            more ? Paging.Encode(rows[^1].PartnerId.ToString()) : null);
    }

    private async Task<List<PayoutBatchView>> ViewsAsync(List<PayoutBatch> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var sums = await db.PayoutBatchTotals.AsNoTracking().Where(t => ids.Contains(t.BatchId)).GroupBy(t => new { t.BatchId, t.Currency })
            .Select(g => new { g.Key.BatchId, g.Key.Currency, Sum = g.Sum(t => t.AmountMinor), Lines = g.Sum(t => t.LineCount) }).ToListAsync(ct);
        return rows.Select(b => new PayoutBatchView(b.Id, b.Period, Payouts.Name(b.Status), b.LineCount, b.PartnerCount,
            sums.Where(s => s.BatchId == b.Id).OrderBy(s => s.Currency).Select(s => new CurrencyAmount(s.Currency, new Money(s.Sum, s.Currency).ToValue(), s.Lines)).ToList(),
            b.CreatedAt, b.ApprovedAt, b.PaidAt, b.PaymentReference, b.Version)).ToList();
    }

    /// <summary>
    /// The batch's lines as CSV for the finance system, one row per line with its explanation, partner by partner; the
    /// amounts are in major units with the currency's decimals. Streams: a batch of a million lines never sits in memory.
    /// </summary>
    public async Task WriteLinesCsvAsync(Guid batchId, Stream output, CancellationToken ct)
    {
        var names = await (from t in db.PayoutBatchTotals.AsNoTracking()
                           join o in db.Organisations.AsNoTracking() on t.PartnerId equals o.Id
                           where t.BatchId == batchId
                           select new { t.PartnerId, o.DisplayName }).Distinct().ToDictionaryAsync(x => x.PartnerId, x => x.DisplayName, ct);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("batch_id,partner_id,partner_name,line_id,kind,rule,registration_id,earned_on,period,amount,currency,explanation");
        var lines = (from l in db.PayoutBatchLines.AsNoTracking()
                     join a in db.Accruals.AsNoTracking() on l.AccrualId equals a.Id
                     where l.BatchId == batchId
                     orderby a.PartnerId, a.Id
                     select new { a.Id, a.PartnerId, a.Kind, a.RuleName, a.RegistrationId, a.EarnedOn, a.Period, a.AmountMinor, a.Currency, a.Explanation })
            .AsAsyncEnumerable();
        var row = new StringBuilder();
        await foreach (var a in lines.WithCancellation(ct))
        {
            row.Clear();
            row.Append(batchId).Append(',').Append(a.PartnerId).Append(',').Append(Csv(names.GetValueOrDefault(a.PartnerId, ""))).Append(',')
                .Append(a.Id).Append(',').Append(EarningsViews.KindName(a.Kind)).Append(',').Append(Csv(a.RuleName)).Append(',')
                .Append(a.RegistrationId).Append(',').Append(a.EarnedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',').Append(a.Period).Append(',')
                .Append(new Money(a.AmountMinor, a.Currency).Amount.ToString("F" + Money.Decimals(a.Currency), CultureInfo.InvariantCulture)).Append(',')
                .Append(a.Currency).Append(',').Append(Csv(a.Explanation));
            await writer.WriteLineAsync(row, ct);
        }
    }

    /// <summary>Quotes a field when it needs it, and defuses spreadsheet formulas.</summary>
    public static string Csv(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
