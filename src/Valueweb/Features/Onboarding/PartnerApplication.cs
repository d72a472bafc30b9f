using Valueweb.Features.Partners;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Onboarding;

public sealed record ContactInput(string? Name, string? Email, string? Phone);

/// <summary>A company's application to join the program, sent from the public form or the API (no sign-in).</summary>
public sealed record PartnerApplication(
    string? CompanyName, string? LegalName, string? Website, string? Country, string? City, IReadOnlyList<string>? Types,
    IReadOnlyList<Guid>? ProductLineIds, ContactInput? Contact, string? Message)
{
    public FieldErrors Validate()
    {
        var e = new FieldErrors().Require("companyName", CompanyName, 120);
        if (LegalName is { Length: > 200 }) e.Add("legalName", "At most 200 characters.");
        if (Website is { Length: > PartnerProfileChange.WebsiteLength }) e.Add("website", $"At most {PartnerProfileChange.WebsiteLength} characters.");
        else if (Website is { Length: > 0 } w && !PartnerProfileChange.IsWebAddress(w))
            e.Add("website", "An absolute http(s) address, such as https://www.example.com.");
        if (!Iso3166.IsCountry(Country)) e.Add("country", "An ISO 3166 country code (two letters, such as DE).");
        if (City is { Length: > PartnerProfileChange.CityLength }) e.Add("city", $"At most {PartnerProfileChange.CityLength} characters.");
        if (Types is null || Types.Count == 0) e.Add("types", "At least one partner type.");
        else
            for (var i = 0; i < Types.Count; i++)
                if (PartnerTypeNames.Parse(Types[i]) is null) e.Add($"types[{i}]", "Unknown partner type.");
        if (Contact is null) e.Add("contact", "Required.");
        else
        {
            e.Require("contact.name", Contact.Name, 120);
            if (!Emails.LooksValid(Contact.Email)) e.Add("contact.email", "Not an e-mail address.");
            if (Contact.Phone is { Length: > 50 }) e.Add("contact.phone", "At most 50 characters.");
        }
        if (Message is { Length: > 2000 }) e.Add("message", "At most 2000 characters.");
        return e;
    }
}

public sealed record ApplicationReceipt(Guid Id, string Status, string Message);
