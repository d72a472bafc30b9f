using Valueweb.Features.Locator;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Partners;

public sealed record LocationInput(string? City, string? Country, double? Latitude, double? Longitude);

/// <summary>A partial update of a partner: absent (null) fields stay as they are.</summary>
public sealed record PartnerProfileChange(
    string? DisplayName = null, string? LegalName = null, string? PublicDescription = null, string? Website = null, string? Phone = null,
    string? ContactEmail = null, bool? Listed = null, IReadOnlyList<string>? Competencies = null, IReadOnlyList<string>? Segments = null,
    IReadOnlyList<string?>? Domains = null, IReadOnlyList<LocationInput?>? Locations = null,
    // vendor only
    Guid? TierId = null, Guid? ChannelManagerId = null, IReadOnlyList<Guid>? ProductLineIds = null, IReadOnlyList<string>? Countries = null,
    IReadOnlyList<string>? Regions = null, IReadOnlyList<string>? Types = null, string? PrivateNotes = null)
{
    public bool TouchesVendorFields => TierId is not null || ChannelManagerId is not null || ProductLineIds is not null || Countries is not null
        || Regions is not null || Types is not null || PrivateNotes is not null || LegalName is not null;

    /// <summary>Column lengths of the fields (see PartnerModel and the migrations): every text is checked against its column.</summary>
    public const int WebsiteLength = 400, PhoneLength = 50, DescriptionLength = 2000, NotesLength = 4000, CityLength = 100, AttributeLength = 100, DomainLength = 253;

    public FieldErrors Validate()
    {
        var e = new FieldErrors();
        if (DisplayName is not null) e.Require("displayName", DisplayName, 120);
        if (LegalName is not null) e.Require("legalName", LegalName, 200);
        if (PublicDescription is { Length: > DescriptionLength }) e.Add("publicDescription", $"At most {DescriptionLength} characters.");
        if (Website is { Length: > WebsiteLength }) e.Add("website", $"At most {WebsiteLength} characters.");
        else if (Website is { Length: > 0 } w && !IsWebAddress(w)) e.Add("website", "An absolute http(s) address, such as https://www.example.com.");
        if (Phone is { Length: > PhoneLength }) e.Add("phone", $"At most {PhoneLength} characters.");
        if (ContactEmail is { Length: > 0 } m && !Emails.LooksValid(m)) e.Add("contactEmail", "Not an e-mail address.");
        if (PrivateNotes is { Length: > NotesLength }) e.Add("privateNotes", $"At most {NotesLength} characters.");
        for (var i = 0; i < (Domains?.Count ?? 0); i++)
            if (Domains![i] is not { } d || !d.Contains('.', StringComparison.Ordinal) || d.Trim().Length > DomainLength || d.Trim().Contains(' ', StringComparison.Ordinal))
                e.Add($"domains[{i}]", "Not a web domain (example.com).");
        for (var i = 0; i < (Countries?.Count ?? 0); i++)
            if (!Iso3166.IsCountry(Countries![i])) e.Add($"countries[{i}]", "Not an ISO 3166 country code (two letters, such as DE).");
        for (var i = 0; i < (Types?.Count ?? 0); i++)
            if (PartnerTypeNames.Parse(Types![i]) is null) e.Add($"types[{i}]", "Unknown partner type: reseller, valueAddedReseller, systemIntegrator, distributor, oem, isv or referralAgent.");
        if (Types is { Count: 0 }) e.Add("types", "At least one partner type.");
        for (var i = 0; i < (Locations?.Count ?? 0); i++) ValidateLocation(e, $"locations[{i}]", Locations![i]);
        foreach (var (name, list) in new[] { ("competencies", Competencies), ("segments", Segments), ("regions", Regions) })
            for (var i = 0; i < (list?.Count ?? 0); i++)
                if (string.IsNullOrWhiteSpace(list![i]) || list[i].Trim().Length > AttributeLength) e.Add($"{name}[{i}]", $"Between 1 and {AttributeLength} characters.");
        return e;
    }

    public static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var u) && (u.Scheme == "https" || u.Scheme == "http");

    /// <summary>A location is a city the locator knows (no coordinates), or a named place with both coordinates.</summary>
    private static void ValidateLocation(FieldErrors e, string path, LocationInput? l)
    {
        if (l is null)
        {
            e.Add(path, "A location: a city, or a city, country, latitude and longitude.");
            return;
        }
        if (l.City is { Length: > CityLength }) e.Add($"{path}.city", $"At most {CityLength} characters.");
        if (l.Latitude is null && l.Longitude is null)
        {
            if (l.City is { Length: <= CityLength } && Cities.Find($"{l.City}, {l.Country}") is null && Cities.Find(l.City) is null)
                e.Add($"{path}.city", "A city the locator knows, or give latitude and longitude.");
            else if (l.City is null) e.Add($"{path}.city", "Required.");
            return;
        }
        if (l.Latitude is null) e.Add($"{path}.latitude", "Give latitude and longitude together (or neither, for a city the locator knows).");
        else if (!double.IsFinite(l.Latitude.Value) || l.Latitude is < -90 or > 90) e.Add($"{path}.latitude", "Between -90 and 90.");
        if (l.Longitude is null) e.Add($"{path}.longitude", "Give latitude and longitude together (or neither, for a city the locator knows).");
        else if (!double.IsFinite(l.Longitude.Value) || l.Longitude is < -180 or > 180) e.Add($"{path}.longitude", "Between -180 and 180.");
        if (string.IsNullOrWhiteSpace(l.City)) e.Add($"{path}.city", "Required.");
        if (!Iso3166.IsCountry(l.Country)) e.Add($"{path}.country", "Not an ISO 3166 country code.");
    }
}
