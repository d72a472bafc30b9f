using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Customers;
using Valueweb.Features.Notifications;
using Valueweb.Features.Organisations;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;
using Valueweb.Matching;

namespace Valueweb.Features.Deals;

public sealed record RegisterOutcome(Guid? Id, string Body = "", IReadOnlyList<FoundConflict>? RefusedFor = null, IdempotencyRecord? Replay = null);

/// <summary>
/// Submitting a registration: one transaction that takes the customer's locks, detects conflicts against what is
/// committed, decides priority (first to register wins), records the customer account, the registration, its
/// conflicts, its event and the idempotency record — all or nothing.
/// </summary>
public sealed class DealRegistering(ValuewebDb db, CurrentActor current, Journal journal, ConflictDetector detector, Notifier notifier,
    IdempotencyContext idem, DealViews views, TimeProvider clock)
{
    /// <summary>Checks that need the database (product lines, stage, referring partner); adds to <paramref name="errors"/>.</summary>
    public async Task ValidateReferencesAsync(ValidRegistration r, DealReferenceData reference, FieldErrors errors, CancellationToken ct)
    {
        var rules = reference.Rules;
        var lines = r.ProductLineIds;
        for (var i = 0; i < lines.Count; i++) if (!reference.IsActive(lines[i])) errors.Add($"productLineIds[{i}]", "No such active product line.");
        if (r.Stage is not null && rules.Stage(r.Stage) is null)
            errors.Add("stage", "One of: " + string.Join(", ", rules.Stages.Select(s => s.Key)) + ".");
        if (r.ReferredByPartnerId is { } referrer && (referrer == current.Required.OrganisationId || !await db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter])
                .AnyAsync(o => o.Id == referrer && o.Kind == OrganisationKind.Partner && o.Status == OrganisationStatus.Active, ct)))
            errors.Add("referredByPartnerId", "Not an active partner other than your own company.");
    }

    public async Task<RegisterOutcome> RegisterAsync(ValidRegistration r, DealReferenceData reference, CancellationToken ct)
    {
        var rules = reference.Rules;
        var actor = current.Required;
        var now = clock.GetUtcNow();
        var customer = r.Customer;
        // One transaction; the demo seeder calls this inside its own.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await DealLocks.AcquireAsync(db, CompanyMatcher.BlockingKeys(customer), ct);
        if (idem.Key is not null && await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(x => x.OrganisationId == idem.Scope && x.Key == idem.Key, ct) is { } earlier)
            return new RegisterOutcome(null, Replay: earlier);

        var detection = await detector.DetectAsync(customer, r.ProductLineIds, actor.OrganisationId, rules.Program.ConflictThreshold, null, ct);
        var own = detection.Conflicts.Where(c => c.Kind == ConflictKind.OwnDuplicate).ToList();
        if (own.Count > 0 && rules.Program.OwnDuplicates == OwnDuplicateRule.Refuse) return new RegisterOutcome(null, RefusedFor: own);

        // Without a web domain, the contact's (non-free-mail) e-mail domain identifies the customer's account.
        var domain = r.CustomerDomain ?? CompanyMatcher.NormaliseDomain(r.ContactEmail);
        var newKeys = new List<long>();
        var account = await CustomerDirectory.FindOrCreateAsync(db, detection.Account?.Id, r.CustomerName, domain, r.CustomerCountry, now, ct, newKeys);

        var blocking = detection.Conflicts.Where(c => c.Kind != ConflictKind.OwnDuplicate || rules.Program.OwnDuplicates == OwnDuplicateRule.Review).ToList();
        var registration = new DealRegistration
        {
            PartnerId = actor.OrganisationId,
            RegisteredByPartnerId = actor.OrganisationId,
            SubmittedByPersonId = actor.PersonId,
            CustomerAccountId = account.Id,
            CustomerName = r.CustomerName,
            CustomerDomain = r.CustomerDomain,
            CustomerCountry = r.CustomerCountry,
            ContactName = r.ContactName,
            ContactEmail = r.ContactEmail,
            ContactPhone = r.ContactPhone,
            EstimatedMinor = r.EstimatedValue.Minor,
            Currency = r.EstimatedValue.Currency,
            ExpectedCloseDate = r.ExpectedCloseDate,
            Stage = r.Stage ?? rules.FirstStage.Key,
            Description = r.Description,
            ReferredByPartnerId = r.ReferredByPartnerId,
            Status = DealStatus.Pending,
            InConflict = blocking.Count > 0,
            SubmittedAt = now,
        };
        foreach (var line in r.ProductLineIds) registration.ProductLines.Add(new DealProductLine { RegistrationId = registration.Id, ProductLineId = line });
        var lineNames = reference.NamesOf(r.ProductLineIds);
        foreach (var c in detection.Conflicts)
            registration.Conflicts.Add(new DealConflict
            {
                RegistrationId = registration.Id,
                Kind = c.Kind,
                OtherId = c.OtherId,
                Score = c.Score,
                Reason = ConflictWording.Describe(c, lineNames),
            });
        db.DealRegistrations.Add(registration);
        // The partner that referred the customer follows the registration it is credited for.
        if (r.ReferredByPartnerId is { } referrer)
            db.Grants.Add(new Grant { GranteeOrganisationId = referrer, ObjectType = "dealRegistration", ObjectId = registration.Id, Reason = "referred the customer", CreatedAt = now });
        journal.Event("dealRegistration.submitted", "dealRegistration", registration.Id, r.ReferredByPartnerId is { } by ? [registration.PartnerId, by] : [registration.PartnerId],
            new { customer = r.CustomerName, productLineIds = r.ProductLineIds, inConflict = registration.InConflict, conflicts = detection.Conflicts.Count });
        if (registration.InConflict) await NotifyChannelManagersAsync(registration, ct);
        // The answer is the registration as its partner sees it, built from what is saved and stored with the change
        // (one batch of inserts), so that a retry gets the same.
        var orgNames = new Dictionary<Guid, string> { [actor.OrganisationId] = actor.OrganisationName };
        if (r.ReferredByPartnerId is { } referredBy)
            orgNames[referredBy] = await db.Organisations.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(o => o.Id == referredBy).Select(o => o.DisplayName).FirstAsync(ct);
        var body = views.Json(views.Build(registration, rules, lineNames, orgNames, actor.IsVendor ? [] : null));
        Idempotency.Record(db, idem, now, StatusCodes.Status201Created, DealViews.Location(registration.Id), body);
        await db.SaveChangesAsync(ct);
        await CustomerDirectory.InsertKeysAsync(db, account.Id, newKeys, ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return new RegisterOutcome(registration.Id, body);
    }

    private async Task NotifyChannelManagersAsync(DealRegistration registration, CancellationToken ct)
    {
        var managers = await ChannelManagersAsync(db, registration.PartnerId, ct);
        await notifier.NotifyAsync(managers, $"Registration in conflict: {registration.CustomerName}",
            $"{current.Required.OrganisationName} registered {registration.CustomerName}; an earlier claim overlaps. Decide it in the approval queue.",
            DealViews.PagePath(registration.Id), email: false, ct);
    }

    /// <summary>The partner's channel manager, or every active channel manager when it has none.</summary>
    public static async Task<List<Guid>> ChannelManagersAsync(ValuewebDb db, Guid partnerId, CancellationToken ct)
    {
        var own = await db.Partners.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(p => p.Id == partnerId).Select(p => p.ChannelManagerId).FirstOrDefaultAsync(ct);
        var people = db.People.IgnoreQueryFilters([ValuewebDb.TenantFilter]).Where(p => p.Role == Role.ChannelManager && p.Status == PersonStatus.Active);
        if (own is { } cm && await people.AnyAsync(p => p.Id == cm, ct)) return [cm];
        return await people.Select(p => p.Id).ToListAsync(ct);
    }
}
