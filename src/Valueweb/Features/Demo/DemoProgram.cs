using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Catalog;
using Valueweb.Features.Identity;
using Valueweb.Features.Locator;
using Valueweb.Features.Organisations;
using Valueweb.Features.Partners;

namespace Valueweb.Features.Demo;

/// <summary>
/// A deterministic demo program: one vendor, 42 partners of every type in 12 countries and 4 tiers,
/// product lines and people. Dates are relative to the moment of seeding.
/// </summary>
public static class DemoProgram
{
    public const string Password = "Demo-Passw0rd!";

    /// <summary>The named partners with sign-ins; the first two compete for Cloud Platform in Germany.</summary>
    public static readonly (string Slug, string Name, PartnerTypes Types, string City, string[] ProductLines)[] NamedPartners =
    [
        ("alpenglow", "Alpenglow IT GmbH", PartnerTypes.Reseller | PartnerTypes.ValueAddedReseller, "Munich", ["CLOUD", "SEC"]),
        ("bergmann", "Bergmann Systemhaus AG", PartnerTypes.SystemIntegrator, "Berlin", ["CLOUD", "DATA"]),
        ("cobalt", "Cobalt Distribution SAS", PartnerTypes.Distributor, "Lyon", ["NET", "SEC", "CLOUD"]),
    ];

    private static readonly (string Code, string Name)[] ProductLineCatalog =
    [
        ("CLOUD", "Cloud Platform"), ("DATA", "Data & Analytics"), ("SEC", "Security Suite"),
        ("NET", "Networking"), ("EDGE", "Edge Devices"), ("COLLAB", "Collaboration"),
    ];

    private static readonly string[] Stems =
    [
        "Aurora", "Beacon", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper", "Keystone",
        "Lumen", "Meridian", "Nimbus", "Orchid", "Pinnacle", "Quarry", "Redwood", "Summit", "Tidal", "Umber",
        "Vertex", "Willow", "Xenon", "Yarrow", "Zephyr", "Atlas", "Boreal", "Cascade", "Drift", "Echo", "Falcon",
        "Glacier", "Horizon", "Indigo", "Jasper", "Kinetic",
    ];

    private static readonly string[] Suffixes = ["Solutions", "Systems", "Consulting", "Technologies", "Partners", "Networks", "Digital"];

    private static readonly string[] Competencies = ["Cloud migration", "Managed security", "Data engineering", "Network design", "IoT", "Unified communications"];
    private static readonly string[] Segments = ["Enterprise", "Mid-market", "SMB", "Public sector"];

    // One hash for all demo accounts: the demo shares one password, and hashing is deliberately slow.
    [ThreadStatic] private static string? demoHash;

    public static void PrintSignIns(TextWriter output)
    {
        output.WriteLine($"Demo sign-ins (password {Password}):");
        output.WriteLine("  admin@valueweb.demo        vendor admin");
        output.WriteLine("  cm@valueweb.demo           channel manager");
        foreach (var p in NamedPartners) output.WriteLine($"  admin@{p.Slug}.demo".PadRight(29) + $"partner admin, {p.Name}");
    }

    public static async Task<bool> SeedIfEmptyAsync(ValuewebDb db, IPasswordHasher<Account> hasher, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Organisations.IgnoreQueryFilters().AnyAsync(ct)) return false;
        demoHash = hasher.HashPassword(new Account(), Password);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var vendor = new Organisation { Kind = OrganisationKind.Vendor, LegalName = "Valueweb Demo Vendor Inc.", DisplayName = "Valueweb Demo", Slug = "valueweb", CreatedAt = now.AddYears(-3) };
        db.Organisations.Add(vendor);
        var admin = AddPerson(db, vendor.Id, "Vera Admin", "admin@valueweb.demo", Role.VendorAdmin, now);
        var cm = AddPerson(db, vendor.Id, "Carl Channel", "cm@valueweb.demo", Role.ChannelManager, now);
        var cm2 = AddPerson(db, vendor.Id, "Chiara Canale", "cm2@valueweb.demo", Role.ChannelManager, now);
        AddPerson(db, vendor.Id, "Fiona Finance", "finance@valueweb.demo", Role.VendorFinance, now);
        AddPerson(db, vendor.Id, "Mark Marketing", "marketing@valueweb.demo", Role.VendorMarketing, now);
        var direct = AddPerson(db, vendor.Id, "Dana Direct", "direct@valueweb.demo", Role.DirectSales, now);
        AddPerson(db, vendor.Id, "Ada Analyst", "analyst@valueweb.demo", Role.Analyst, now);

        var lines = ProductLineCatalog.Select(l => new ProductLine { Code = l.Code, Name = l.Name }).ToList();
        db.ProductLines.AddRange(lines);
        var program = new PartnerProgram { Name = "Valueweb Partner Program" };
        string[] tierNames = ["Registered", "Silver", "Gold", "Platinum"];
        for (var i = 0; i < tierNames.Length; i++) program.Tiers.Add(new Tier { ProgramId = program.Id, Name = tierNames[i], Rank = i + 1 });
        db.Programs.Add(program);
        db.Agreements.Add(new Onboarding.ProgramAgreement
        {
            ProgramId = program.Id,
            Version = 1,
            Title = "Valueweb Partner Program Agreement",
            Text = "1. The partner represents the vendor's products honestly and within its authorised product lines and territories.\n"
                + "2. Deal registrations, leads and incentives follow the program rules published in Valueweb.\n"
                + "3. Customer data is shared only as agreed per customer and partner.\n"
                + "4. Either side may end the partnership with 30 days' notice.",
            PublishedAt = now.AddDays(-200),
            ReviewDueAt = now.AddDays(165),
        });
        await db.SaveChangesAsync(ct);

        for (var i = 0; i < NamedPartners.Length; i++)
        {
            var n = NamedPartners[i];
            var partner = AddPartner(db, n.Slug, n.Name, n.Types, Cities.Find(n.City)!, n.ProductLines, program, i % 2 == 0 ? cm : cm2, lines, i, now);
            AddPerson(db, partner.Id, $"{n.Name.Split(' ')[0]} Admin", $"admin@{n.Slug}.demo", Role.PartnerAdmin, now);
            AddPerson(db, partner.Id, $"{n.Name.Split(' ')[0]} Sales", $"sales@{n.Slug}.demo", Role.PartnerSales, now);
            AddPerson(db, partner.Id, $"{n.Name.Split(' ')[0]} Marketing", $"marketing@{n.Slug}.demo", Role.PartnerMarketing, now);
            AddPerson(db, partner.Id, $"{n.Name.Split(' ')[0]} Support", $"support@{n.Slug}.demo", Role.PartnerSupport, now);
        }
        var allTypes = Enum.GetValues<PartnerTypes>().Where(t => t != PartnerTypes.None).ToArray();
        var cities = Cities.All.Where(c => c.CountryCode is "DE" or "FR" or "GB" or "NL" or "ES" or "IT" or "US" or "CA" or "SE" or "PL" or "CH" or "AT").ToArray();
        for (var i = 0; i < Stems.Length + 2; i++)
        {
            var stem = Stems[i % Stems.Length];
            var name = $"{stem} {Suffixes[i % Suffixes.Length]}{(i >= Stems.Length ? " International" : "")}";
            var slug = name.ToLowerInvariant().Replace(' ', '-');
            var types = allTypes[i % allTypes.Length] | (i % 5 == 0 ? allTypes[(i + 3) % allTypes.Length] : PartnerTypes.None);
            var city = cities[(i * 7) % cities.Length];
            string[] productLines = [ProductLineCatalog[i % ProductLineCatalog.Length].Code, ProductLineCatalog[(i + 2) % ProductLineCatalog.Length].Code];
            var partner = AddPartner(db, slug, name, types, city, productLines, program, i % 3 == 0 ? cm : cm2, lines, i + 3, now);
            AddPerson(db, partner.Id, $"{stem} Admin", $"admin@{slug}.demo", Role.PartnerAdmin, now);
        }
        _ = admin;
        await db.SaveChangesAsync(ct);
        await DemoIncentives.SeedProgramAsync(db, program, lines, now, ct);
        await DemoDeals.SeedAsync(db, program, lines, cm, direct, now, ct);
        await DemoIncentives.SeedEarningsAsync(db, cm, now, ct);
        await DemoLeads.SeedAsync(db, lines, cm, now, ct);
        await DemoFunds.SeedAsync(db, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static Partner AddPartner(ValuewebDb db, string slug, string name, PartnerTypes types, City city, string[] productLineCodes,
        PartnerProgram program, Person channelManager, List<ProductLine> lines, int index, DateTimeOffset now)
    {
        var org = new Organisation
        {
            Kind = OrganisationKind.Partner,
            LegalName = name,
            DisplayName = name.Replace(" GmbH", "", StringComparison.Ordinal).Replace(" AG", "", StringComparison.Ordinal).Replace(" SAS", "", StringComparison.Ordinal),
            Slug = slug,
            Status = index % 17 == 16 ? OrganisationStatus.Suspended : OrganisationStatus.Active,
            CreatedAt = now.AddDays(-30 - (index * 11)),
        };
        db.Organisations.Add(org);
        var tiers = program.Tiers.OrderBy(t => t.Rank).ToList();
        var partner = new Partner
        {
            Id = org.Id,
            Types = types,
            ProgramId = program.Id,
            TierId = tiers[Math.Min(tiers.Count - 1, (index % 10) switch { < 4 => 0, < 7 => 1, < 9 => 2, _ => 3 })].Id, // a pyramid: most partners in the lowest tier
            ChannelManagerId = channelManager.Id,
            Listed = index % 9 != 8,
            PublicDescription = $"{org.DisplayName} serves customers around {city.Name}.",
            Website = $"https://www.{slug}.example",
            ContactEmail = $"hello@{slug}.example",
            Phone = $"+1 555 01{index:00}",
            AppliedAt = org.CreatedAt.AddDays(-7),
        };
        partner.Countries.Add(new PartnerCountry { PartnerId = org.Id, CountryCode = city.CountryCode });
        foreach (var code in productLineCodes.Distinct())
            partner.ProductLines.Add(new PartnerProductLine { PartnerId = org.Id, ProductLineId = lines.Single(l => l.Code == code).Id });
        partner.Locations.Add(new PartnerLocation { PartnerId = org.Id, City = city.Name, CountryCode = city.CountryCode, Latitude = city.Latitude, Longitude = city.Longitude });
        partner.Domains.Add(new PartnerDomain { PartnerId = org.Id, Domain = $"{slug}.example" });
        partner.Attributes.Add(new PartnerAttribute { PartnerId = org.Id, Kind = PartnerAttributeKind.Competency, Value = Competencies[index % Competencies.Length] });
        partner.Attributes.Add(new PartnerAttribute { PartnerId = org.Id, Kind = PartnerAttributeKind.Segment, Value = Segments[index % Segments.Length] });
        db.Partners.Add(partner);
        return partner;
    }

    private static Person AddPerson(ValuewebDb db, Guid organisationId, string name, string email, Role role, DateTimeOffset now)
    {
        var person = new Person { OrganisationId = organisationId, Name = name, Email = email, Role = role, CreatedAt = now };
        db.People.Add(person);
        db.Users.Add(AccountPasswords.NewAccount(person.Id, email, Password, demoHash));
        return person;
    }
}
