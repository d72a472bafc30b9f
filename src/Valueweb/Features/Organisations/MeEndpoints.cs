using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Organisations;

public sealed record MeView(Guid Id, string Name, string Email, string Role, Guid OrganisationId, string Organisation, string TimeZone, string Language);

public sealed record MeChange(string? Name, string? TimeZone, string? Language);

/// <summary>The signed-in person's own settings: name, time zone and language.</summary>
public static class MeEndpoints
{
    public static readonly string[] Languages = ["en"];

    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").WithTags("People").RequirePermission(Permission.SignedIn);
        group.MapGet("/", async (ValuewebDb db, CurrentActor current, HttpContext http, CancellationToken ct) =>
        {
            var person = await Own(db, current, ct);
            if (person is null) return (IResult)Problems.NotFound();
            http.Response.Headers.ETag = ETags.For(person.Version);
            return TypedResults.Ok(View(person, current.Required));
        });
        group.MapPatch("/", async (ValuewebDb db, CurrentActor current, Journal journal, HttpContext http, CancellationToken ct) =>
        {
            var person = await Own(db, current, ct);
            if (person is null) return (IResult)Problems.NotFound();
            if (string.IsNullOrWhiteSpace(http.Request.Headers.IfMatch)) return Problems.PreconditionRequired();
            var version = ETags.TryParse(http.Request.Headers.IfMatch, out var v) ? v : -1;
            var (body, bodyErrors) = await JsonBody.ReadAsync<MeChange>(http.Request);
            if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
            var (errors, stale) = await ChangeAsync(db, journal, person, version, body!, ct);
            if (errors is not null) return Problems.Invalid(errors);
            if (stale) return Problems.PreconditionFailed();
            http.Response.Headers.ETag = ETags.For(person.Version);
            return TypedResults.Ok(View(person, current.Required));
        }).Accepts<MeChange>("application/json").Produces<MeView>().ProducesValidationProblem().ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    public static Task<Person?> Own(ValuewebDb db, CurrentActor current, CancellationToken ct)
    {
        var me = current.Required.PersonId;
        return me is null ? Task.FromResult<Person?>(null) : db.People.FirstOrDefaultAsync(p => p.Id == me, ct);
    }

    public static MeView View(Person p, Actor a) => new(p.Id, p.Name, p.Email, p.Role.ToString(), p.OrganisationId, a.OrganisationName, p.TimeZone, p.Language);

    public static bool IsTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return false;
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    public static async Task<(FieldErrors? Errors, bool Stale)> ChangeAsync(ValuewebDb db, Journal journal, Person person, long version, MeChange body, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (body.Name is not null) errors.Require("name", body.Name, 120);
        if (body.TimeZone is not null && !IsTimeZone(body.TimeZone)) errors.Add("timeZone", "An IANA time zone, such as Europe/Berlin.");
        if (body.Language is not null && !Languages.Contains(body.Language)) errors.Add("language", "One of: " + string.Join(", ", Languages) + ".");
        if (errors.Any) return (errors, false);
        if (person.Version != version) return (null, true);
        if (body.Name is not null) person.Name = body.Name.Trim();
        if (body.TimeZone is not null) person.TimeZone = body.TimeZone;
        if (body.Language is not null) person.Language = body.Language;
        person.Version++;
        journal.Audit("person.settingsChanged", "person", person.Id, $"{person.TimeZone} {person.Language}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // changed by another request between our read and our write
            db.ChangeTracker.Clear();
            return (null, true);
        }
        return (null, false);
    }
}
