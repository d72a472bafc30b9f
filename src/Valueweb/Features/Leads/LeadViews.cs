using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Deals;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads;

public sealed record LeadPerson(string FirstName, string LastName, string Title, string? Email, string? Phone);

public sealed record LeadCompany(string Name, string? Website, string Country, string City, string Industry, string Segment, int? Employees);

public sealed record ScoreReason(string Label, int Points);

public sealed record LeadDetail(
    Guid Id, string Status, LeadPerson Person, LeadCompany Company, IReadOnlyList<NamedRef> ProductLines, MoneyValue? Value, string Description,
    string Source, string Channel, int Score, bool Qualified, IReadOnlyList<ScoreReason> ScoreReasons, bool RedFlag, NamedRef? Partner, int? Round,
    DateTimeOffset? OfferedAt, DateTimeOffset? DeadlineAt, DateTimeOffset? AcceptedAt, Guid? DealRegistrationId, string? LostReason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

public sealed record LeadSummary(Guid Id, string Status, string Company, string Person, string Country, int Score, bool RedFlag, NamedRef? Partner,
    DateTimeOffset? DeadlineAt, DateTimeOffset CreatedAt);

public sealed record LeadFilter(string? Status, Guid? PartnerId, bool? RedFlag, string? Source, string? Q);

/// <summary>Leads as the caller may see them: the vendor all; a partner those offered to it or worked by it.</summary>
public sealed class LeadViews(ValuewebDb db, CurrentActor current)
{
    public static string Location(Guid id) => $"/api/v1/leads/{id}";

    public static string PagePath(Guid id) => $"/leads/{id}";

    public static string StatusName(LeadStatus s) => JsonNamingPolicy.CamelCase.ConvertName(s.ToString());

    public static LeadStatus? ParseStatus(string? s) => Enum.TryParse<LeadStatus>(s, ignoreCase: true, out var v) && Enum.IsDefined(v) && !int.TryParse(s, out _) ? v : null;

    /// <summary>The progress a partner may report.</summary>
    public static LeadStatus? ParseProgress(string? s) =>
        ParseStatus(s) is { } v && v is LeadStatus.Contacted or LeadStatus.Qualified or LeadStatus.Converted or LeadStatus.Lost ? v : null;

    public async Task<LeadDetail?> DetailAsync(Guid id, CancellationToken ct)
    {
        var lead = await db.Leads.AsNoTracking().Include(l => l.ProductLines).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return null;
        var lineIds = lead.ProductLines.Select(p => p.ProductLineId).ToList();
        var lines = await db.ProductLines.Where(l => lineIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        string? partnerName = null;
        if (lead.PartnerId is { } pid)
            partnerName = await db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(o => o.Id == pid).Select(o => o.DisplayName).FirstOrDefaultAsync(ct);
        var detail = Build(lead, lines, partnerName);
        // How many rounds came before is the vendor's business: it would tell the holder that others declined or let it lapse.
        return current.Required.IsVendor ? detail : detail with { Round = null };
    }

    public static LeadDetail Build(Lead l, IReadOnlyDictionary<Guid, string> lines, string? partnerName) => new(
        l.Id, StatusName(l.Status), new LeadPerson(l.FirstName, l.LastName, l.Title, l.Email, l.Phone),
        new LeadCompany(l.Company, l.Website, l.CountryCode, l.City, l.Industry, l.Segment, l.Employees),
        l.ProductLines.Select(p => new NamedRef(p.ProductLineId, lines.GetValueOrDefault(p.ProductLineId, ""))).ToList(),
        l.ValueMinor is { } v ? new Money(v, l.Currency).ToValue() : null, l.Description, l.Source, l.Channel, l.Score, l.Qualified,
        JsonSerializer.Deserialize<List<ScoreReason>>(l.ScoreReasons, JsonSerializerOptions.Web) ?? [], l.RedFlag,
        l.PartnerId is { } p ? new NamedRef(p, partnerName ?? "") : null, l.Round, l.OfferedAt, l.DeadlineAt, l.AcceptedAt, l.DealRegistrationId,
        l.LostReason, l.CreatedAt, l.UpdatedAt, l.Version);

    public IQueryable<Lead> Filtered(LeadFilter f)
    {
        var q = db.Leads.AsNoTracking();
        if (ParseStatus(f.Status) is { } status) q = q.Where(l => l.Status == status);
        if (f.PartnerId is { } partner) q = q.Where(l => l.PartnerId == partner);
        if (f.RedFlag is { } flag) q = q.Where(l => l.RedFlag == flag);
        if (!string.IsNullOrWhiteSpace(f.Source)) q = q.Where(l => l.Source == f.Source.Trim());
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim().ToLower();
            q = q.Where(l => l.Company.ToLower().Contains(text) || l.LastName.ToLower().Contains(text) || (l.Email != null && l.Email.Contains(text)));
        }
        return q;
    }

    /// <summary>Newest first, keyset-paged on the (time-ordered) id.</summary>
    public async Task<Page<LeadSummary>> ListAsync(LeadFilter f, int take, Guid? after, CancellationToken ct)
    {
        var q = Filtered(f);
        if (after is { } last) q = q.Where(l => l.Id.CompareTo(last) < 0);
        var rows = await q.OrderByDescending(l => l.Id).Take(take + 1).ToListAsync(ct);
        var partnerIds = rows.Where(r => r.PartnerId != null).Select(r => r.PartnerId!.Value).Distinct().ToList();
        var names = await db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(o => partnerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.DisplayName, ct);
        var items = rows.Take(take).Select(l => new LeadSummary(l.Id, StatusName(l.Status), l.Company, l.PersonName, l.CountryCode, l.Score, l.RedFlag,
            l.PartnerId is { } p ? new NamedRef(p, names.GetValueOrDefault(p, "")) : null, l.Status == LeadStatus.Offered ? l.DeadlineAt : null, l.CreatedAt)).ToList();
        return new Page<LeadSummary>(items, rows.Count > take ? Paging.Encode(rows[take - 1].Id.ToString()) : null);
    }

    /// <summary>
    /// How the lead was routed. The vendor gets every decision with its full explanation; the partner holding the lead
    /// gets only why it came to it — nothing about other candidates or earlier rounds.
    /// </summary>
    public async Task<object?> RoutingAsync(Guid id, CancellationToken ct)
    {
        var lead = await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return null;
        var actor = current.Required;
        if (!actor.IsVendor)
        {
            var mine = await db.LeadRoutings.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking()
                .Where(r => r.LeadId == id && r.Round == lead.Round && r.PartnerId == actor.OrganisationId).Select(r => new { r.DecidedAt, r.WinnerReason }).FirstOrDefaultAsync(ct);
            return new { leadId = id, decidedAt = mine?.DecidedAt, why = mine?.WinnerReason ?? "" };
        }
        var decisions = await db.LeadRoutings.AsNoTracking().Where(r => r.LeadId == id).OrderBy(r => r.Round).ToListAsync(ct);
        var offers = await db.LeadOffers.AsNoTracking().Where(o => o.LeadId == id).OrderBy(o => o.Round).ToListAsync(ct);
        var named = offers.Select(o => o.PartnerId).Concat(decisions.Where(d => d.PartnerId != null).Select(d => d.PartnerId!.Value)).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => named.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.DisplayName, ct);
        return new
        {
            leadId = id,
            score = lead.Score,
            qualified = lead.Qualified,
            decisions = decisions.Select(d => new
            {
                round = d.Round,
                decidedAt = d.DecidedAt,
                partnerId = d.PartnerId,
                partnerName = d.PartnerId is { } p ? names.GetValueOrDefault(p) : null,
                fallback = d.Fallback,
                explanation = JsonDocument.Parse(d.Explanation).RootElement,
                winnerReason = d.WinnerReason,
            }),
            offers = offers.Select(o => new
            {
                round = o.Round,
                partnerId = o.PartnerId,
                partnerName = names.GetValueOrDefault(o.PartnerId),
                offeredAt = o.OfferedAt,
                deadlineAt = o.DeadlineAt,
                outcome = JsonNamingPolicy.CamelCase.ConvertName(o.Outcome.ToString()),
                reason = o.Reason,
                answeredAt = o.AnsweredAt,
            }),
        };
    }
}
