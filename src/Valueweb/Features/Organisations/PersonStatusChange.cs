using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Organisations;

/// <summary>
/// Disabling or enabling a person, with the version the caller saw: the wanted status is stated (not toggled), so a
/// stale tab or a replayed request is refused instead of undoing someone else's change. Used by the API and the People page.
/// </summary>
public static class PersonStatusChange
{
    /// <summary>Visibility first (the tenant filter: a partner admin sees its own company's people), then who may, If-Match, the rules, the version.</summary>
    public static async Task<CommandResult> ChangeAsync(ValuewebDb db, Journal journal, Actor actor, Guid personId, PersonStatus wanted, long? expectedVersion,
        CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return CommandResult.NotFound;
        if (!actor.May(Permission.ManageOwnPeople)) return CommandResult.Forbidden;
        if (expectedVersion is null) return new CommandResult(CommandOutcome.Conflict, Message: "if-match");
        if (person.Id == actor.PersonId) return CommandResult.Invalid(new FieldErrors().Add("id", "You cannot disable or enable yourself."));
        if (!Enum.IsDefined(wanted)) return CommandResult.Invalid(new FieldErrors().Add("status", "Active or Disabled."));
        if (person.Version != expectedVersion) return CommandResult.Stale;
        if (person.Status == wanted) return CommandResult.Done(person.Version);
        person.Status = wanted;
        person.Version++;
        journal.Event(wanted == PersonStatus.Disabled ? "person.disabled" : "person.enabled", "person", person.Id, [person.OrganisationId], new { person = person.Email });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Stale;
        }
        return CommandResult.Done(person.Version);
    }
}
