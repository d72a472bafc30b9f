using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Organisations;

namespace Valueweb.Platform.Access;

/// <summary>
/// On every request: turns the authenticated principal into an <see cref="Actor"/> read fresh from the database,
/// refusing disabled people, suspended companies and revoked keys, whatever cookie, token or key they hold;
/// then narrows the database's visibility to the actor's company.
/// </summary>
internal sealed class ActorResolution(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ValuewebDb db, CurrentActor current)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var actor = await ResolveAsync(db, user, context.RequestAborted);
            if (actor is null)
            {
                await context.SignOutAsync(ValuewebClaims.CookieScheme);
                context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
            }
            else
            {
                current.Value = actor;
                db.Tenant.Become(actor.IsVendor, actor.OrganisationId);
            }
        }
        await next(context);
    }

    private static async Task<Actor?> ResolveAsync(ValuewebDb db, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var keyHash = user.FindFirst(ValuewebClaims.ApiKey)?.Value;
        if (keyHash is not null)
        {
            var key = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
                .Where(k => k.Hash == keyHash && k.RevokedAt == null)
                .Select(k => new { k.Id, k.OrganisationId, k.Scopes, k.Role })
                .FirstOrDefaultAsync(ct);
            if (key is null) return null;
            var org = await ActiveOrganisation(db, key.OrganisationId, ct);
            if (org is null) return null;
            return new Actor
            {
                ApiKeyId = key.Id,
                Name = "API key",
                OrganisationId = org.Id,
                OrganisationName = org.DisplayName,
                OrganisationKind = org.Kind,
                OrganisationStatus = org.Status,
                Role = key.Role ?? (org.Kind == OrganisationKind.Vendor ? Role.VendorAdmin : Role.PartnerAdmin),
                Scopes = key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
            };
        }
        if (!Guid.TryParse(user.FindFirst(ValuewebClaims.Person)?.Value, out var personId)) return null;
        // One round trip: the person, active, with its company, active (or the vendor).
        var found = await db.People.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.Id == personId && p.Status == PersonStatus.Active)
            .Join(Organisations(db), p => p.OrganisationId, o => o.Id, (p, o) => new { Person = p, Organisation = o })
            .FirstOrDefaultAsync(ct);
        if (found is null) return null;
        var (person, organisation) = (found.Person, found.Organisation);
        return new Actor
        {
            PersonId = person.Id,
            Name = person.Name,
            OrganisationId = organisation.Id,
            OrganisationName = organisation.DisplayName,
            OrganisationKind = organisation.Kind,
            OrganisationStatus = organisation.Status,
            Role = person.Role,
            TimeZone = person.TimeZone,
        };
    }

    private static Task<Organisation?> ActiveOrganisation(ValuewebDb db, Guid id, CancellationToken ct) =>
        Organisations(db).FirstOrDefaultAsync(o => o.Id == id, ct);

    /// <summary>Companies whose people may act: active or approved (finishing onboarding), and the vendor.</summary>
    private static IQueryable<Organisation> Organisations(ValuewebDb db) => db.Organisations.IgnoreQueryFilters().AsNoTracking()
        .Where(o => o.Status == OrganisationStatus.Active || o.Status == OrganisationStatus.Approved || o.Kind == OrganisationKind.Vendor);
}
