using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Deals;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Incentives;

public sealed record SplitInput(Guid? PartnerId, decimal? Share);

public sealed record SplitsInput(List<SplitInput?>? Splits);

public sealed record SplitView(Guid PartnerId, string PartnerName, decimal Share);

public sealed record SplitsView(Guid RegistrationId, IReadOnlyList<SplitView> Splits, long Version);

/// <summary>
/// Revenue splits of a registration between the partners who win it together (50/50, 75/25): the channel manager sets them
/// while the registration is open; each partner in the split is granted sight of it. With no split the owner earns alone.
/// </summary>
public static class DealSplitEndpoints
{
    public const int MaxPartners = 10;

    public static IEndpointRouteBuilder MapDealSplitEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/deal-registrations/{id}/splits").WithTags("Incentives");
        group.MapGet("/", async (string id, ValuewebDb db, HttpContext http, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var rid) || await db.DealRegistrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == rid, ct) is not { } r)
                return (IResult)Problems.NotFound();
            http.Response.Headers.ETag = ETags.For(r.Version);
            return TypedResults.Ok(await ViewAsync(db, r, ct));
        }).RequirePermission(Permission.ReadDeals).Produces<SplitsView>().ProducesProblem(404);
        group.MapPut("/", Put).RequirePermission(Permission.DecideDeals).Accepts<SplitsInput>("application/json").Produces<SplitsView>()
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    private static async Task<IResult> Put(string id, HttpRequest request, ValuewebDb db, Journal journal, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var rid) || await db.DealRegistrations.FirstOrDefaultAsync(r => r.Id == rid, ct) is not { } r) return Problems.NotFound();
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return Problems.PreconditionRequired();
        var (input, bodyErrors) = await JsonBody.ReadAsync<SplitsInput>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var (errors, stale) = await SetAsync(db, journal, r, ETags.TryParse(header, out var v) ? v : -1, input!.Splits ?? [], ct);
        if (errors is not null) return Problems.Invalid(errors);
        if (stale) return Problems.PreconditionFailed();
        request.HttpContext.Response.Headers.ETag = ETags.For(r.Version);
        return TypedResults.Ok(await ViewAsync(db, r, ct));
    }

    public static async Task<(FieldErrors? Errors, bool Stale)> SetAsync(ValuewebDb db, Journal journal, DealRegistration r, long version, List<SplitInput?> splits, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (splits.Count > MaxPartners) errors.Add("splits", $"At most {MaxPartners} partners.");
        var ids = new HashSet<Guid>();
        var total = 0m;
        for (var i = 0; i < Math.Min(splits.Count, MaxPartners); i++)
        {
            var at = $"splits[{i}]";
            if (splits[i] is not { } s) { errors.Add(at, "Required."); continue; }
            if (s.PartnerId is not { } p) errors.Add(at + ".partnerId", "Required.");
            else if (!ids.Add(p)) errors.Add(at + ".partnerId", "This partner is listed twice.");
            else if (!await db.Organisations.AnyAsync(o => o.Id == p && o.Kind == OrganisationKind.Partner && o.Status == OrganisationStatus.Active, ct))
                errors.Add(at + ".partnerId", "Not an active partner.");
            if (s.Share is not { } share) errors.Add(at + ".share", "Required: a percentage such as 50.");
            else if (share <= 0 || share > 100) errors.Add(at + ".share", "Greater than 0 and at most 100.");
            else if (share * 100 != decimal.Truncate(share * 100)) errors.Add(at + ".share", "At most 2 decimals.");
            else total += share;
        }
        if (!errors.Any && splits.Count > 0)
        {
            if (!ids.Contains(r.PartnerId)) errors.Add("splits", "The registration's own partner must be part of the split.");
            else if (total != 100) errors.Add("splits", $"The shares add up to {total}%; they must add up to 100%.");
        }
        if (errors.Any) return (errors, false);
        if (r.Version != version) return (null, true);
        if (!r.IsOpen) return (new FieldErrors().Add("status", "Splits are set while the registration is open: a won deal has accrued already."), false);
        var old = await db.DealSplits.Where(s => s.RegistrationId == r.Id).ToListAsync(ct);
        db.DealSplits.RemoveRange(old);
        var oldGrants = await db.Grants.Where(g => g.ObjectId == r.Id && g.Reason == "revenue split").ToListAsync(ct);
        db.Grants.RemoveRange(oldGrants.Where(g => !ids.Contains(g.GranteeOrganisationId)));
        var existingGrants = await db.Grants.Where(g => g.ObjectId == r.Id).Select(g => g.GranteeOrganisationId).ToListAsync(ct);
        foreach (var s in splits)
        {
            var partner = s!.PartnerId!.Value;
            db.DealSplits.Add(new DealSplit { RegistrationId = r.Id, PartnerId = partner, ShareBasisPoints = (int)(s.Share!.Value * 100) });
            if (partner != r.PartnerId && !existingGrants.Contains(partner))
                db.Grants.Add(new Grant { GranteeOrganisationId = partner, ObjectType = "dealRegistration", ObjectId = r.Id, Reason = "revenue split", CreatedAt = journal.Now });
        }
        var audience = ids.Append(r.PartnerId).Concat(old.Select(o => o.PartnerId)).Distinct().ToArray();
        journal.Event("dealRegistration.splitChanged", "dealRegistration", r.Id, audience,
            new { splits = splits.Select(s => new { partnerId = s!.PartnerId, share = s.Share }) });
        r.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, true);
        }
        return (null, false);
    }

    public static async Task<SplitsView> ViewAsync(ValuewebDb db, DealRegistration r, CancellationToken ct)
    {
        var rows = await db.DealSplits.AsNoTracking().Where(s => s.RegistrationId == r.Id).ToListAsync(ct);
        var ids = rows.Select(s => s.PartnerId).ToList();
        var names = await db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).AsNoTracking().Where(o => ids.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.DisplayName, ct);
        return new SplitsView(r.Id, rows.OrderByDescending(x => x.PartnerId == r.PartnerId).ThenByDescending(x => x.ShareBasisPoints)
            .Select(x => new SplitView(x.PartnerId, names.GetValueOrDefault(x.PartnerId, ""), x.ShareBasisPoints / 100m)).ToList(), r.Version);
    }
}
