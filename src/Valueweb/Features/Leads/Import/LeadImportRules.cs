using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Leads.Intake;
using Valueweb.Features.Locator;

namespace Valueweb.Features.Leads.Import;

/// <summary>
/// The program's rules as an import applies them to each good row, prepared once per import: the qualification rules
/// (score, qualified, the reasons as JSON — the same few combinations over and over, so each is written once), the
/// product lines the file's interests name (by name or code, without regard to case; unknown names are not linked), and
/// the coordinates of the cities the product knows. Used by one thread at a time.
/// </summary>
public sealed class LeadImportRules
{
    private readonly Qualifier qualifier;
    private readonly IReadOnlyDictionary<string, Guid> productLines;
    private readonly Dictionary<UInt128, string> reasons = [];
    private readonly Dictionary<string, City[]> cities;

    public LeadImportRules(QualificationRules qualification, IReadOnlyDictionary<string, Guid> productLines)
    {
        qualifier = Qualifier.For(qualification);
        this.productLines = productLines;
        cities = Cities.All.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The program's qualification rules and the active product lines, by name and by code.</summary>
    public static async Task<LeadImportRules> LoadAsync(ValuewebDb db, CancellationToken ct)
    {
        var rules = await LeadSettingsStore.LoadAsync(db, ct);
        var lines = await db.ProductLines.AsNoTracking().Where(l => l.Active).Select(l => new { l.Id, l.Name, l.Code }).ToListAsync(ct);
        var byName = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines) byName.TryAdd(line.Name.Trim(), line.Id);
        foreach (var line in lines) byName.TryAdd(line.Code.Trim(), line.Id);
        return new LeadImportRules(rules.Qualification, byName);
    }

    public ImportedLead Apply(LeadDraft draft, LeadIdentity identity)
    {
        var q = qualifier.Score(draft);
        var country = draft.Country ?? "";
        var city = Fit(draft.City, 400);
        var place = city.Length > 0 && cities.TryGetValue(city, out var named) ? Array.Find(named, c => c.CountryCode == country) : null;
        return new ImportedLead
        {
            Id = Ids.New(),
            Identity = identity.Text,
            Source = Fit(draft.Source, 100),
            SourceSystem = Null(Fit(draft.SourceSystem, 40)),
            SourceRecordId = Null(Fit(draft.SourceRecordId, 100)),
            FirstName = Fit(draft.FirstName, 400),
            LastName = Fit(draft.LastName, 400),
            Company = Fit(draft.Company, 400),
            Title = Fit(draft.Title, 400),
            Email = draft.Email,
            Phone = Null(Fit(draft.Phone ?? draft.Mobile, 50)),
            Website = Null(Fit(draft.Website, 253)),
            CountryCode = country,
            City = city,
            Latitude = place?.Latitude,
            Longitude = place?.Longitude,
            Industry = Fit(draft.Industry, 400),
            Segment = Fit(draft.Segment, 400),
            Employees = draft.Employees?.Min,
            Description = Fit(draft.Description, 4000),
            Score = q.Score,
            Qualified = q.Qualified,
            ScoreReasons = Reasons(q),
            // A lead file carries no estimated value of the lead (annual revenue is the company's, in a currency the file
            // does not name), and the high-value threshold is about the lead's value: an imported lead is not red-flagged.
            RedFlag = false,
            Status = q.Qualified ? LeadStatus.Queued : LeadStatus.Nurture,
            ProductLines = Lines(draft.ProductInterests),
        };
    }

    private string Reasons(Qualification q)
    {
        UInt128 key = 0;
        foreach (var r in q.Reasons)
        {
            if (r.Rule >= 128) return Json(q);
            key |= UInt128.One << r.Rule;
        }
        if (!reasons.TryGetValue(key, out var json)) reasons[key] = json = Json(q);
        return json;
    }

    private static string Json(Qualification q) =>
        JsonSerializer.Serialize(q.Reasons.Select(r => new ScoreReason(r.Label, r.Points)), JsonSerializerOptions.Web);

    private Guid[] Lines(IReadOnlyList<string> interests)
    {
        if (interests.Count == 0) return [];
        List<Guid>? found = null;
        foreach (var name in interests)
            if (productLines.TryGetValue(name.Trim(), out var id) && !(found ??= []).Contains(id)) found.Add(id);
        return found is null ? [] : [.. found];
    }

    /// <summary>The text cut to a column's length (not inside a surrogate pair); "" for none.</summary>
    public static string Fit(string? value, int max)
    {
        if (value is null) return "";
        if (value.Length <= max) return value;
        var cut = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return value[..cut];
    }

    private static string? Null(string value) => value.Length == 0 ? null : value;
}
