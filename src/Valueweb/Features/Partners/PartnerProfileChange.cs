using Valueweb.Features.Locator;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Partners;

public sealed record LocationInput(string? City, string? Country, double? Latitude, double? Longitude);

/// <summary>A partial update of a partner: absent (null) fields stay as they are.</summary>
public sealed record PartnerProfileChange(
    string? DisplayName = null, string? LegalName = null, string? PublicDescription = null, string? Website = null, string? Phone = null,
    string? ContactEmail = null, bool? Listed = null, IReadOnlyList<string>? Competencies = null, IReadOnlyList<string>? Segments = null,
    IReadOnlyList<string>? Domains = null, IReadOnlyList<LocationInput>? Locations = null,
    // vendor only
    Guid? TierId = null, Guid? ChannelManagerId = null, IReadOnlyList<Guid>? ProductLineIds = null, IReadOnlyList<string>? Countries = null,
    IReadOnlyList<string>? Regions = null, IReadOnlyList<string>? Types = null, string? PrivateNotes = null)
{
    public bool TouchesVendorFields => TierId is not null || ChannelManagerId is not null || ProductLineIds is not null || Countries is not null
        || Regions is not null || Types is not null || PrivateNotes is not null || LegalName is not null;

    public FieldErrors Validate()
    {
        var e = new FieldErrors();
        if (DisplayName is not null) e.Require("displayName", DisplayName, 120);
        if (LegalName is not null) e.Require("legalName", LegalName, 200);
        if (PublicDescription is { Length: > 2000 }) e.Add("publicDescription", "At most 2000 characters.");
        if (Website is { Length: > 0 } w && !(Uri.TryCreate(w, UriKind.Absolute, out var u) && (u.Scheme == "https" || u.Scheme == "http")))
            e.Add("website", "An absolute http(s) address, such as https://www.example.com.");
        if (Phone is { Length: > 50 }) e.Add("phone", "At most 50 characters.");
        if (ContactEmail is { Length: > 0 } m && !Emails.LooksValid(m)) e.Add("contactEmail", "Not an e-mail address.");
        for (var i = 0; i < (Domains?.Count ?? 0); i++)
            if (!Domains![i].Contains('.', StringComparison.Ordinal) || Domains[i].Length > 253 || Domains[i].Contains(' ', StringComparison.Ordinal))
                e.Add($"domains[{i}]", "Not a web domain (example.com).");
        for (var i = 0; i < (Countries?.Count ?? 0); i++)
            if (!Iso3166.IsCountry(Countries![i])) e.Add($"countries[{i}]", "Not an ISO 3166 country code (two letters, such as DE).");
        for (var i = 0; i < (Types?.Count ?? 0); i++)
            if (PartnerTypeNames.Parse(Types![i]) is null) e.Add($"types[{i}]", "Unknown partner type: reseller, valueAddedReseller, systemIntegrator, distributor, oem, isv or referralAgent.");
        if (Types is { Count: 0 }) e.Add("types", "At least one partner type.");
        for (var i = 0; i < (Locations?.Count ?? 0); i++)
        {
            var l = Locations![i];
            if (l.Latitude is null || l.Longitude is null)
            {
                if (Cities.Find(l.City is null ? null : $"{l.City}, {l.Country}") is null && Cities.Find(l.City) is null)
                    e.Add($"locations[{i}].city", "A city the locator knows, or give latitude and longitude.");
            }
            else
            {
                if (l.Latitude is < -90 or > 90) e.Add($"locations[{i}].latitude", "Between -90 and 90.");
                if (l.Longitude is < -180 or > 180) e.Add($"locations[{i}].longitude", "Between -180 and 180.");
                if (string.IsNullOrWhiteSpace(l.City)) e.Add($"locations[{i}].city", "Required.");
                if (!Iso3166.IsCountry(l.Country)) e.Add($"locations[{i}].country", "Not an ISO 3166 country code.");
            }
        }
        foreach (var (name, list) in new[] { ("competencies", Competencies), ("segments", Segments), ("regions", Regions) })
            for (var i = 0; i < (list?.Count ?? 0); i++)
                if (string.IsNullOrWhiteSpace(list![i]) || list[i].Length > 100) e.Add($"{name}[{i}]", "Between 1 and 100 characters.");
        return e;
    }
}
