using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Organisations;

public sealed record PersonView(Guid Id, Guid OrganisationId, string Name, string Email, string Role, string Status, bool CanSignIn);

/// <summary>People of one's own company (vendor: of any company), and disabling or enabling them.</summary>
public static class PeopleEndpoints
{
    public static IEndpointRouteBuilder MapPeopleEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/people").WithTags("People");
        group.MapGet("/", List).RequirePermission(Permission.ReadPeople);
        group.MapGet("/{id}", Get).RequirePermission(Permission.ReadPeople).Produces<PersonView>().ProducesProblem(404);
        group.MapPost("/{id}/disable", (string id, ValuewebDb db, CurrentActor current, Journal journal, HttpContext http, CancellationToken ct) =>
                SetStatus(id, PersonStatus.Disabled, db, current, journal, http, ct)).RequirePermission(Permission.ManageOwnPeople)
            .Produces<PersonView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        group.MapPost("/{id}/enable", (string id, ValuewebDb db, CurrentActor current, Journal journal, HttpContext http, CancellationToken ct) =>
                SetStatus(id, PersonStatus.Active, db, current, journal, http, ct)).RequirePermission(Permission.ManageOwnPeople)
            .Produces<PersonView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    private static async Task<IResult> List(ValuewebDb db, Guid? organisationId, int? limit, string? cursor, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var q = db.People.AsQueryable();
        if (organisationId is { } org) q = q.Where(p => p.OrganisationId == org);
        if (cursor is not null)
        {
            if (Paging.Decode(cursor, 2) is not [var name, var email]) return Problems.Invalid("cursor", "Not a cursor this list gave out.");
            q = q.Where(p => string.Compare(p.Name, name) > 0 || (p.Name == name && string.Compare(p.Email, email) > 0));
        }
        var rows = await q.OrderBy(p => p.Name).ThenBy(p => p.Email).Take(take + 1)
            .Select(p => new PersonView(p.Id, p.OrganisationId, p.Name, p.Email, p.Role.ToString(), p.Status.ToString(), db.Users.Any(a => a.PersonId == p.Id)))
            .ToListAsync(ct);
        var next = rows.Count > take ? Paging.Encode(rows[take - 1].Name, rows[take - 1].Email) : null;
        return TypedResults.Ok(new Page<PersonView>(rows.Take(take).ToList(), next));
    }

    /// <summary>One person, with the ETag that disabling or enabling it takes as If-Match.</summary>
    private static async Task<IResult> Get(string id, ValuewebDb db, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var personId)) return Problems.NotFound();
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return Problems.NotFound();
        http.Response.Headers.ETag = ETags.For(person.Version);
        return TypedResults.Ok(await ViewAsync(db, person, ct));
    }

    /// <summary>Vendor admins act on anyone; a partner admin on its own company's people. Nobody disables themselves. If-Match required.</summary>
    private static async Task<IResult> SetStatus(string id, PersonStatus status, ValuewebDb db, CurrentActor current, Journal journal, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var personId)) return Problems.NotFound();
        var header = http.Request.Headers.IfMatch.ToString();
        long? version = string.IsNullOrWhiteSpace(header) ? null : ETags.TryParse(header, out var v) ? v : -1;
        var result = await PersonStatusChange.ChangeAsync(db, journal, current.Required, personId, status, version, ct);
        switch (result.Outcome)
        {
            case CommandOutcome.NotFound: return Problems.NotFound();
            case CommandOutcome.Forbidden: return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Your role does not allow this change.");
            case CommandOutcome.Conflict: return Problems.PreconditionRequired();
            case CommandOutcome.Invalid: return Problems.Invalid(result.Errors!);
            case CommandOutcome.Stale: return Problems.PreconditionFailed();
        }
        var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == personId, ct);
        http.Response.Headers.ETag = ETags.For(person.Version);
        return TypedResults.Ok(await ViewAsync(db, person, ct));
    }

    private static async Task<PersonView> ViewAsync(ValuewebDb db, Person p, CancellationToken ct) =>
        new(p.Id, p.OrganisationId, p.Name, p.Email, p.Role.ToString(), p.Status.ToString(), await db.Users.AnyAsync(a => a.PersonId == p.Id, ct));
}
