using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Notifications;
using Valueweb.Features.Organisations;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Onboarding;

/// <summary>Applying to the program, and accepting its agreement — the steps from stranger to active partner.</summary>
public sealed class OnboardingCommands(ValuewebDb db, Journal journal, JobQueue jobs, CurrentActor current, Notifier notifier)
{
    public async Task<(FieldErrors? Errors, ApplicationReceipt? Receipt)> ApplyAsync(PartnerApplication application, CancellationToken ct)
    {
        var errors = application.Validate();
        var program = await db.Programs.Include(p => p.Tiers).OrderBy(p => p.Name).FirstOrDefaultAsync(ct);
        if (program is null) errors.Add("program", "The vendor has not opened its program yet.");
        if (application.ProductLineIds is { } lines)
        {
            var known = await db.ProductLines.Where(l => lines.Contains(l.Id) && l.Active).Select(l => l.Id).ToListAsync(ct);
            for (var i = 0; i < lines.Count; i++) if (!known.Contains(lines[i])) errors.Add($"productLineIds[{i}]", "No such product line.");
        }
        if (errors.Any) return (errors, null);

        // An address that already belongs to someone gets the very receipt a new one gets, so that nobody learns from
        // the answer whose address it is; only its owner is told, by e-mail, and no second company or person is made.
        var address = Emails.Normalize(application.Contact!.Email!);
        if (await db.People.IgnoreQueryFilters().Where(p => p.Email == address).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct) is { } owner)
        {
            notifier.Email(address, "Your application to the partner program",
                "Someone, perhaps you, applied to join the partner program with this e-mail address, which already belongs to a person at Valueweb. "
                + "No new application was made.\n\nIf you want to sign in, use the sign-in page (or reset your password there). If your company wants to "
                + "join or change its details, ask your company's admin or your channel manager. If it was not you, ignore this e-mail.");
            journal.Audit("partner.appliedWithKnownAddress", "person", owner, application.CompanyName!.Trim());
            return (null, Received(Ids.New()));
        }

        var now = journal.Now;
        var name = application.CompanyName!.Trim();
        var org = new Organisation
        {
            Kind = OrganisationKind.Partner,
            LegalName = string.IsNullOrWhiteSpace(application.LegalName) ? name : application.LegalName.Trim(),
            DisplayName = name,
            Slug = await UniqueSlugAsync(name, ct),
            Status = OrganisationStatus.Applied,
            CreatedAt = now,
        };
        db.Organisations.Add(org);
        var lowest = program!.Tiers.OrderBy(t => t.Rank).FirstOrDefault();
        var partner = new Partner
        {
            Id = org.Id,
            ProgramId = program.Id,
            TierId = lowest?.Id,
            Listed = false,
            AppliedAt = now,
            Types = application.Types!.Select(t => PartnerTypeNames.Parse(t)!.Value).Aggregate(PartnerTypes.None, (a, b) => a | b),
            Website = application.Website?.Trim() ?? "",
            ContactEmail = address,
            Phone = application.Contact.Phone?.Trim() ?? "",
            PrivateNotes = application.Message?.Trim() ?? "",
        };
        partner.Countries.Add(new PartnerCountry { PartnerId = org.Id, CountryCode = application.Country!.ToUpperInvariant() });
        foreach (var line in (application.ProductLineIds ?? []).Distinct()) partner.ProductLines.Add(new PartnerProductLine { PartnerId = org.Id, ProductLineId = line });
        if (Locator.Cities.Find($"{application.City}, {application.Country}") is { } city)
            partner.Locations.Add(new PartnerLocation { PartnerId = org.Id, City = city.Name, CountryCode = city.CountryCode, Latitude = city.Latitude, Longitude = city.Longitude });
        db.Partners.Add(partner);
        db.People.Add(new Person
        {
            OrganisationId = org.Id,
            Name = application.Contact.Name!.Trim(),
            Email = partner.ContactEmail,
            Role = Role.PartnerAdmin,
            CreatedAt = now,
        });
        journal.Event("partner.applied", "partner", org.Id, [org.Id], new { company = name, country = application.Country.ToUpperInvariant() });
        jobs.Enqueue(ApplicationOverdueJob.JobKind, new ApplicationOverdueJob.Payload(org.Id), now.AddDays(program.ApplicationReviewDays), $"application-overdue:{org.Id}");
        return (null, Received(org.Id));
    }

    private static ApplicationReceipt Received(Guid id) =>
        new(id, "applied", "Thank you: a channel manager will review your application and write to you.");

    private async Task<string> UniqueSlugAsync(string name, CancellationToken ct)
    {
        var baseSlug = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (baseSlug.Contains("--", StringComparison.Ordinal)) baseSlug = baseSlug.Replace("--", "-", StringComparison.Ordinal);
        if (baseSlug.Length == 0) baseSlug = "partner";
        if (baseSlug.Length > 60) baseSlug = baseSlug[..60];
        var slug = baseSlug;
        for (var i = 2; await db.Organisations.IgnoreQueryFilters().AnyAsync(o => o.Slug == slug, ct); i++) slug = $"{baseSlug}-{i}";
        return slug;
    }

    public async Task<ProgramAgreement?> CurrentAgreementAsync(CancellationToken ct)
    {
        var actor = current.Required;
        var programId = actor.IsVendor
            ? await db.Programs.OrderBy(p => p.Name).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct)
            : await db.Partners.Where(p => p.Id == actor.OrganisationId).Select(p => p.ProgramId).FirstOrDefaultAsync(ct);
        return programId is null ? null
            : await db.Agreements.Where(a => a.ProgramId == programId).OrderByDescending(a => a.Version).FirstOrDefaultAsync(ct);
    }

    /// <summary>The partner's admin accepts the current version; an approved partner becomes active. Accepting again is done already.</summary>
    public async Task<CommandResult> AcceptAgreementAsync(int? version, CancellationToken ct)
    {
        try
        {
            return await AcceptOnceAsync(version, ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent acceptance (a double submit, or a colleague) got there first and the unique index refused
            // ours: read again, find it accepted, and do what is left (nothing, or the activation) once more.
            db.ChangeTracker.Clear();
            return await AcceptOnceAsync(version, ct);
        }
    }

    private async Task<CommandResult> AcceptOnceAsync(int? version, CancellationToken ct)
    {
        var actor = current.Required;
        if (actor.IsVendor || !actor.May(Permission.AcceptAgreement)) return CommandResult.Forbidden;
        var agreement = await CurrentAgreementAsync(ct);
        if (agreement is null) return CommandResult.Invalid(new FieldErrors().Add("version", "There is no agreement to accept."));
        if (version != agreement.Version)
            return CommandResult.Invalid(new FieldErrors().Add("version", $"The current agreement is version {agreement.Version}: read it and accept that version."));
        var org = await db.Organisations.FirstAsync(o => o.Id == actor.OrganisationId, ct);
        if (!await db.AgreementAcceptances.AnyAsync(a => a.PartnerId == org.Id && a.Version == agreement.Version, ct))
        {
            db.AgreementAcceptances.Add(new AgreementAcceptance
            {
                PartnerId = org.Id,
                AgreementId = agreement.Id,
                Version = agreement.Version,
                PersonId = actor.PersonId!.Value,
                AcceptedAt = journal.Now,
            });
            journal.Event("partner.agreementAccepted", "partner", org.Id, [org.Id], new { version = agreement.Version });
        }
        if (org.Status == OrganisationStatus.Approved)
        {
            org.Status = OrganisationStatus.Active;
            org.Version++;
            journal.Event("partner.activated", "partner", org.Id, [org.Id], new { from = "Approved", to = "Active" });
        }
        await db.SaveChangesAsync(ct);
        return CommandResult.Done(org.Version);
    }

    /// <summary>
    /// After a failed save of a published agreement: did someone publish this version at the same time (the unique
    /// index on program and version refused ours)? The caller answers a conflict then.
    /// </summary>
    public async Task<bool> PublishedMeanwhileAsync(ProgramAgreement ours, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Agreements.AnyAsync(a => a.ProgramId == ours.ProgramId && a.Version == ours.Version && a.Id != ours.Id, ct);
    }

    public static string PublishedMeanwhile(int version) =>
        $"Someone published version {version} at the same time: read the current agreement, then publish yours again if it is still needed.";

    /// <summary>Publishes a new version of the program agreement (vendor admins); its review date reminds ahead of time.</summary>
    public async Task<(FieldErrors? Errors, ProgramAgreement? Agreement)> PublishAgreementAsync(string? title, string? text, DateTimeOffset? reviewDueAt, CancellationToken ct)
    {
        var errors = new FieldErrors().Require("title", title, 200).Require("text", text, 20000);
        if (reviewDueAt is { } due && due <= journal.Now) errors.Add("reviewDueAt", "A date in the future.");
        var program = await db.Programs.OrderBy(p => p.Name).FirstOrDefaultAsync(ct);
        if (program is null) errors.Add("program", "There is no program.");
        if (errors.Any) return (errors, null);
        var version = (await db.Agreements.Where(a => a.ProgramId == program!.Id).MaxAsync(a => (int?)a.Version, ct) ?? 0) + 1;
        var agreement = new ProgramAgreement { ProgramId = program!.Id, Version = version, Title = title!.Trim(), Text = text!.Trim(), PublishedAt = journal.Now, ReviewDueAt = reviewDueAt };
        db.Agreements.Add(agreement);
        journal.Audit("agreement.published", "agreement", agreement.Id, $"version {version}");
        if (reviewDueAt is { } reviewAt)
            jobs.Enqueue(AgreementReviewJob.JobKind, new AgreementReviewJob.Payload(agreement.Id), reviewAt.AddDays(-14) < journal.Now ? journal.Now : reviewAt.AddDays(-14), $"agreement-review:{agreement.Id}");
        return (null, agreement);
    }
}
