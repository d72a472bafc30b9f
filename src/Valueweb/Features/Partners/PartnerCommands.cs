using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Locator;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Partners;

public enum CommandOutcome
{
    Done,
    NotFound,
    Forbidden,
    Invalid,
    Stale,
    Conflict,
}

public sealed record CommandResult(CommandOutcome Outcome, FieldErrors? Errors = null, long Version = 0, string? Message = null)
{
    public static CommandResult NotFound { get; } = new(CommandOutcome.NotFound);
    public static CommandResult Stale { get; } = new(CommandOutcome.Stale);
    public static CommandResult Forbidden { get; } = new(CommandOutcome.Forbidden);
    public static CommandResult Invalid(FieldErrors e) => new(CommandOutcome.Invalid, e);
    public static CommandResult Done(long version) => new(CommandOutcome.Done, Version: version);
}

/// <summary>Changes to partner companies: profile edits and the lifecycle, each one transaction with its event.</summary>
public sealed class PartnerCommands(ValuewebDb db, CurrentActor current, Journal journal, Onboarding.Invitations invitations)
{
    /// <summary>Visibility first: a partner the caller cannot see is NotFound, whatever else is wrong with the request.</summary>
    private async Task<(Organisation Org, Partner Partner)?> LoadAsync(Guid id, CancellationToken ct)
    {
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id && o.Kind == OrganisationKind.Partner, ct);
        if (org is null) return null;
        var partner = await db.Partners.AsSplitQuery()
            .Include(p => p.Countries).Include(p => p.ProductLines).Include(p => p.Locations).Include(p => p.Domains).Include(p => p.Attributes)
            .FirstOrDefaultAsync(p => p.Id == id, ct);
        return partner is null ? null : (org, partner);
    }

    public async Task<CommandResult> UpdateProfileAsync(Guid id, long? expectedVersion, PartnerProfileChange change, CancellationToken ct)
    {
        var actor = current.Required;
        var loaded = await LoadAsync(id, ct);
        if (loaded is not var (org, partner)) return CommandResult.NotFound;
        var mayEdit = actor.IsVendor ? actor.May(Permission.ManagePartners) : actor.May(Permission.EditOwnProfile) && org.Id == actor.OrganisationId;
        if (!mayEdit || (change.TouchesVendorFields && !actor.IsVendor)) return CommandResult.Forbidden;
        if (expectedVersion is null) return new CommandResult(CommandOutcome.Conflict, Message: "if-match");
        var errors = change.Validate();
        if (change.TierId is { } tier && !await db.Tiers.AnyAsync(t => t.Id == tier, ct)) errors.Add("tierId", "No such tier.");
        if (change.ChannelManagerId is { } cm && !await db.People.IgnoreQueryFilters()
                .AnyAsync(p => p.Id == cm && p.Role == Role.ChannelManager && p.Status == PersonStatus.Active, ct))
            errors.Add("channelManagerId", "Not an active channel manager.");
        if (change.ProductLineIds is { } lines)
        {
            var known = await db.ProductLines.Where(l => lines.Contains(l.Id)).Select(l => l.Id).ToListAsync(ct);
            for (var i = 0; i < lines.Count; i++) if (!known.Contains(lines[i])) errors.Add($"productLineIds[{i}]", "No such product line.");
        }
        if (errors.Any) return CommandResult.Invalid(errors);
        if (org.Version != expectedVersion) return CommandResult.Stale;

        Apply(org, partner, change);
        org.Version++;
        journal.Event("partner.profileChanged", "partner", org.Id, [org.Id], new { fields = ChangedFields(change) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Stale;
        }
        return CommandResult.Done(org.Version);
    }

    private static string[] ChangedFields(PartnerProfileChange c) =>
        typeof(PartnerProfileChange).GetProperties().Where(p => p.Name != nameof(PartnerProfileChange.TouchesVendorFields) && p.GetValue(c) is not null)
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).ToArray();

    private static void Apply(Organisation org, Partner p, PartnerProfileChange c)
    {
        if (c.DisplayName is not null) org.DisplayName = c.DisplayName.Trim();
        if (c.LegalName is not null) org.LegalName = c.LegalName.Trim();
        if (c.PublicDescription is not null) p.PublicDescription = c.PublicDescription.Trim();
        if (c.Website is not null) p.Website = c.Website.Trim();
        if (c.Phone is not null) p.Phone = c.Phone.Trim();
        if (c.ContactEmail is not null) p.ContactEmail = c.ContactEmail.Trim();
        if (c.Listed is not null) p.Listed = c.Listed.Value;
        if (c.PrivateNotes is not null) p.PrivateNotes = c.PrivateNotes;
        if (c.TierId is not null) p.TierId = c.TierId;
        if (c.ChannelManagerId is not null) p.ChannelManagerId = c.ChannelManagerId;
        if (c.Types is not null) p.Types = c.Types.Select(t => PartnerTypeNames.Parse(t)!.Value).Aggregate(PartnerTypes.None, (a, b) => a | b);
        if (c.Countries is not null)
            Replace(p.Countries, c.Countries.Select(x => x.ToUpperInvariant()).Distinct().Select(x => new PartnerCountry { PartnerId = p.Id, CountryCode = x }), x => x.CountryCode);
        if (c.ProductLineIds is not null)
            Replace(p.ProductLines, c.ProductLineIds.Distinct().Select(x => new PartnerProductLine { PartnerId = p.Id, ProductLineId = x }), x => x.ProductLineId.ToString());
        if (c.Domains is not null)
            Replace(p.Domains, c.Domains.Select(d => d!.Trim().ToLowerInvariant()).Distinct().Select(d => new PartnerDomain { PartnerId = p.Id, Domain = d }), x => x.Domain);
        ReplaceAttributes(p, PartnerAttributeKind.Competency, c.Competencies);
        ReplaceAttributes(p, PartnerAttributeKind.Segment, c.Segments);
        ReplaceAttributes(p, PartnerAttributeKind.Region, c.Regions);
        if (c.Locations is not null)
        {
            p.Locations.Clear();
            foreach (var l in c.Locations.OfType<LocationInput>())
            {
                var city = l.Latitude is null ? Cities.Find($"{l.City}, {l.Country}") ?? Cities.Find(l.City) : null;
                p.Locations.Add(city is not null
                    ? new PartnerLocation { PartnerId = p.Id, City = city.Name, CountryCode = city.CountryCode, Latitude = city.Latitude, Longitude = city.Longitude }
                    : new PartnerLocation { PartnerId = p.Id, City = l.City!.Trim(), CountryCode = l.Country!.ToUpperInvariant(), Latitude = l.Latitude!.Value, Longitude = l.Longitude!.Value });
            }
        }
    }

    private static void ReplaceAttributes(Partner p, PartnerAttributeKind kind, IReadOnlyList<string>? values)
    {
        if (values is null) return;
        p.Attributes.RemoveAll(a => a.Kind == kind);
        foreach (var v in values.Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
            p.Attributes.Add(new PartnerAttribute { PartnerId = p.Id, Kind = kind, Value = v });
    }

    private static void Replace<T>(List<T> current, IEnumerable<T> wanted, Func<T, string> key)
    {
        var want = wanted.ToList();
        current.RemoveAll(x => !want.Any(w => key(w) == key(x)));
        foreach (var w in want) if (!current.Any(x => key(x) == key(w))) current.Add(w);
    }

    /// <summary>Moves a partner along its lifecycle (approve, reject, suspend, reactivate, offboard) with a reason. Not activate: see AcceptAgreementAsync.</summary>
    public async Task<CommandResult> TransitionAsync(Guid id, long? expectedVersion, PartnerTransition transition, string? reason, CancellationToken ct)
    {
        var actor = current.Required;
        var loaded = await LoadAsync(id, ct);
        if (loaded is not var (org, _)) return CommandResult.NotFound;
        var permission = transition is PartnerTransition.Approve or PartnerTransition.Reject ? Permission.ReviewApplications : Permission.ManagePartners;
        if (!actor.IsVendor || !actor.May(permission)) return CommandResult.Forbidden;
        if (expectedVersion is null) return new CommandResult(CommandOutcome.Conflict, Message: "if-match");
        var errors = new FieldErrors();
        // Activation happens only when the partner's admin accepts the program agreement (OnboardingCommands), never here.
        if (transition == PartnerTransition.Activate || !Enum.IsDefined(transition))
            return CommandResult.Invalid(errors.Add("action", "A partner becomes active by accepting the program agreement; choose another action."));
        if (transition != PartnerTransition.Approve) errors.Require("reason", reason, 1000);
        else if (reason is { Length: > 1000 }) errors.Add("reason", "At most 1000 characters.");
        var next = PartnerLifecycle.Next(org.Status, transition);
        if (next is null)
            errors.Add("status", $"A partner that is {org.Status.ToString().ToLowerInvariant()} cannot be {PartnerLifecycle.PastTense(transition)}.");
        if (errors.Any) return CommandResult.Invalid(errors);
        if (org.Version != expectedVersion) return CommandResult.Stale;
        var from = org.Status;
        org.Status = next!.Value;
        org.Version++;
        if (transition == PartnerTransition.Approve)
        {
            var applicants = await db.People.Where(p => p.OrganisationId == org.Id && p.Role == Role.PartnerAdmin && p.Status == PersonStatus.Active
                && !db.Users.Any(a => a.PersonId == p.Id)).ToListAsync(ct);
            foreach (var person in applicants) invitations.Issue(org.Id, person.Email, person.Name, person.Role, actor.PersonId, org.DisplayName);
        }
        journal.Event($"partner.{PartnerLifecycle.PastTense(transition)}", "partner", org.Id, [org.Id],
            new { from = from.ToString(), to = org.Status.ToString(), reason = reason?.Trim() ?? "" }, reason ?? "");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Stale;
        }
        return CommandResult.Done(org.Version);
    }
}

public enum PartnerTransition
{
    Approve,
    Reject,
    Suspend,
    Reactivate,
    Offboard,
    Activate,
}

/// <summary>Which status a partner may move to from which: applied → approved → active ⇄ suspended → offboarded.</summary>
public static class PartnerLifecycle
{
    public static OrganisationStatus? Next(OrganisationStatus from, PartnerTransition t) => (from, t) switch
    {
        (OrganisationStatus.Applied, PartnerTransition.Approve) => OrganisationStatus.Approved,
        (OrganisationStatus.Applied, PartnerTransition.Reject) => OrganisationStatus.Rejected,
        (OrganisationStatus.Approved, PartnerTransition.Activate) => OrganisationStatus.Active,
        (OrganisationStatus.Active, PartnerTransition.Suspend) => OrganisationStatus.Suspended,
        (OrganisationStatus.Suspended, PartnerTransition.Reactivate) => OrganisationStatus.Active,
        (OrganisationStatus.Active or OrganisationStatus.Suspended or OrganisationStatus.Approved, PartnerTransition.Offboard) => OrganisationStatus.Offboarded,
        _ => null,
    };

    public static string PastTense(PartnerTransition t) => t switch
    {
        PartnerTransition.Approve => "approved",
        PartnerTransition.Reject => "rejected",
        PartnerTransition.Suspend => "suspended",
        PartnerTransition.Reactivate => "reactivated",
        PartnerTransition.Offboard => "offboarded",
        PartnerTransition.Activate => "activated",
        _ => t.ToString().ToLowerInvariant(),
    };
}
