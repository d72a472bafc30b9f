using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
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
        group.MapPost("/{id}/disable", (string id, ValuewebDb db, CurrentActor current, Journal journal, CancellationToken ct) =>
            SetStatus(id, PersonStatus.Disabled, db, current, journal, ct)).RequirePermission(Permission.ManageOwnPeople);
        group.MapPost("/{id}/enable", (string id, ValuewebDb db, CurrentActor current, Journal journal, CancellationToken ct) =>
            SetStatus(id, PersonStatus.Active, db, current, journal, ct)).RequirePermission(Permission.ManageOwnPeople);
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

    /// <summary>Vendor admins act on anyone; a partner admin on its own company's people. Nobody disables themselves.</summary>
    private static async Task<IResult> SetStatus(string id, PersonStatus status, ValuewebDb db, CurrentActor current, Journal journal, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var personId)) return Problems.NotFound();
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return Problems.NotFound();
        var actor = current.Required;
        if (person.Id == actor.PersonId) return Problems.Invalid("id", "You cannot disable or enable yourself.");
        person.Status = status;
        person.Version++;
        journal.Event(status == PersonStatus.Disabled ? "person.disabled" : "person.enabled", "person", person.Id, [person.OrganisationId], new { person = person.Email });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new PersonView(person.Id, person.OrganisationId, person.Name, person.Email, person.Role.ToString(), person.Status.ToString(),
            await db.Users.AnyAsync(a => a.PersonId == person.Id, ct)));
    }
}
