using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Organisations;

namespace Valueweb.Features.Partners;

public sealed record PartnerSummary(Guid Id, string DisplayName, string Slug, string Status, string? Tier, IReadOnlyList<string> Types, IReadOnlyList<string> Countries);

public sealed record LocationView(string City, string Country, double Latitude, double Longitude);

public sealed record PartnerDetail(
    Guid Id, string LegalName, string DisplayName, string Slug, string Status, IReadOnlyList<string> Types,
    Guid? TierId, string? Tier, Guid? ChannelManagerId, string? ChannelManager, bool Listed,
    string PublicDescription, string Website, string Phone, string ContactEmail, string? PrivateNotes,
    IReadOnlyList<string> Countries, IReadOnlyList<string> Regions, IReadOnlyList<Guid> ProductLineIds, IReadOnlyList<string> Segments,
    IReadOnlyList<string> Competencies, IReadOnlyList<string> Domains, IReadOnlyList<LocationView> Locations, DateTimeOffset CreatedAt);

public sealed record PartnerFilter(string? Q, string? Status, string? Country, Guid? TierId, string? Type, Guid? ProductLineId);

/// <summary>Reads of partner companies, through the tenant filter: a partner sees only itself.</summary>
public static class PartnerViews
{
    public static IReadOnlyList<string> TypeNames(PartnerTypes types) =>
        Enum.GetValues<PartnerTypes>().Where(t => t != PartnerTypes.None && types.HasFlag(t)).Select(PartnerTypeNames.Name).ToList();

    public static IQueryable<Organisation> Filtered(ValuewebDb db, PartnerFilter f)
    {
        var q = db.Organisations.Where(o => o.Kind == OrganisationKind.Partner);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var term = f.Q.Trim().ToLowerInvariant();
            q = q.Where(o => o.DisplayName.ToLower().Contains(term) || o.LegalName.ToLower().Contains(term) || o.Slug.Contains(term));
        }
        if (Enum.TryParse<OrganisationStatus>(f.Status, true, out var status)) q = q.Where(o => o.Status == status);
        if (!string.IsNullOrWhiteSpace(f.Country))
        {
            var c = f.Country.Trim().ToUpperInvariant();
            q = q.Where(o => db.Partners.Any(p => p.Id == o.Id && p.Countries.Any(pc => pc.CountryCode == c)));
        }
        if (f.TierId is { } tier) q = q.Where(o => db.Partners.Any(p => p.Id == o.Id && p.TierId == tier));
        if (PartnerTypeNames.Parse(f.Type) is { } type) q = q.Where(o => db.Partners.Any(p => p.Id == o.Id && (p.Types & type) != 0));
        if (f.ProductLineId is { } line) q = q.Where(o => db.Partners.Any(p => p.Id == o.Id && p.ProductLines.Any(l => l.ProductLineId == line)));
        return q;
    }

    public static async Task<List<PartnerSummary>> SummariesAsync(ValuewebDb db, IQueryable<Organisation> page, CancellationToken ct)
    {
        // the page's order is read first: a join after ORDER BY ... LIMIT does not keep it
        var ids = await page.Select(o => o.Id).ToListAsync(ct);
        var rows = await db.Organisations.Where(o => ids.Contains(o.Id))
            .Join(db.Partners, o => o.Id, p => p.Id, (o, p) => new
            {
                o.Id,
                o.DisplayName,
                o.Slug,
                o.Status,
                p.Types,
                Tier = db.Tiers.Where(t => t.Id == p.TierId).Select(t => t.Name).FirstOrDefault(),
                Countries = p.Countries.Select(c => c.CountryCode).ToList(),
            })
            .ToListAsync(ct);
        var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return rows.OrderBy(r => position[r.Id]).Select(r => new PartnerSummary(r.Id, r.DisplayName, r.Slug, r.Status.ToString(), r.Tier, TypeNames(r.Types), r.Countries.Order().ToList())).ToList();
    }

    public static async Task<(PartnerDetail Detail, long Version)?> DetailAsync(ValuewebDb db, Guid id, bool showPrivate, CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.Kind == OrganisationKind.Partner, ct);
        if (org is null) return null;
        var p = await db.Partners.AsNoTracking().AsSplitQuery()
            .Include(x => x.Countries).Include(x => x.ProductLines).Include(x => x.Locations).Include(x => x.Domains).Include(x => x.Attributes)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return null;
        var tier = p.TierId is null ? null : await db.Tiers.Where(t => t.Id == p.TierId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        var cm = p.ChannelManagerId is null ? null
            : await db.People.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(x => x.Id == p.ChannelManagerId).Select(x => x.Name).FirstOrDefaultAsync(ct);
        List<string> Attr(PartnerAttributeKind k) => p.Attributes.Where(a => a.Kind == k).Select(a => a.Value).Order().ToList();
        var detail = new PartnerDetail(org.Id, org.LegalName, org.DisplayName, org.Slug, org.Status.ToString(), TypeNames(p.Types),
            p.TierId, tier, p.ChannelManagerId, cm, p.Listed, p.PublicDescription, p.Website, p.Phone, p.ContactEmail,
            showPrivate ? p.PrivateNotes : null,
            p.Countries.Select(c => c.CountryCode).Order().ToList(), Attr(PartnerAttributeKind.Region), p.ProductLines.Select(l => l.ProductLineId).ToList(),
            Attr(PartnerAttributeKind.Segment), Attr(PartnerAttributeKind.Competency), p.Domains.Select(d => d.Domain).Order().ToList(),
            p.Locations.Select(l => new LocationView(l.City, l.CountryCode, l.Latitude, l.Longitude)).ToList(), org.CreatedAt);
        return (detail, org.Version);
    }
}
