using Valueweb.Features.Deals;
using Valueweb.Features.Leads.Intake;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads;

/// <summary>A lead as the API and the web form take it in.</summary>
public sealed record LeadInput(
    string? FirstName, string? LastName, string? Company, string? Title, string? Email, string? Phone, string? Website,
    string? Country, string? City, double? Latitude, double? Longitude, string? Industry, string? Segment, int? Employees,
    string? Description, MoneyValue? Value, IReadOnlyList<Guid>? ProductLineIds, string? Source, string? SourceSystem, string? SourceRecordId);

/// <summary>Checks a lead as it arrives and turns it into an unsaved <see cref="Lead"/>; errors name the field (under a prefix for batches).</summary>
public static class LeadInputValidation
{
    public static Lead? Validate(LeadInput input, string channel, DealReferenceData reference, FieldErrors errors, string prefix = "")
    {
        string F(string field) => prefix + field;
        var count = errors.All.Count;
        string Text(string? value, string field, int max)
        {
            var v = value?.Trim() ?? "";
            if (v.Length > max) errors.Add(F(field), $"At most {max} characters.");
            return v;
        }
        var first = Text(input.FirstName, "firstName", 100);
        var last = Text(input.LastName, "lastName", 100);
        var company = Text(input.Company, "company", 200);
        if (first.Length == 0 && last.Length == 0 && company.Length == 0) errors.Add(F("company"), "A company or a person's name is required.");
        var email = Text(input.Email, "email", 254);
        var phone = Text(input.Phone, "phone", 50);
        if (email.Length > 0 && !Emails.LooksValid(email)) errors.Add(F("email"), $"Not a valid e-mail address: '{email}'.");
        else if (email.Length == 0 && phone.Length == 0) errors.Add(F("email"), "An e-mail address or a phone number is required to reach anyone.");
        var country = CountryNames.Recognise(input.Country);
        if (country is null) errors.Add(F("country"), input.Country is { Length: > 0 } c ? $"Unknown country '{c.Trim()}': use an ISO 3166 code such as DE." : "Required: an ISO 3166 code such as DE.");
        if (input.Latitude is < -90 or > 90) errors.Add(F("latitude"), "Between -90 and 90.");
        if (input.Longitude is < -180 or > 180) errors.Add(F("longitude"), "Between -180 and 180.");
        if ((input.Latitude is null) != (input.Longitude is null)) errors.Add(F("longitude"), "Give both latitude and longitude, or neither.");
        if (input.Employees is < 0) errors.Add(F("employees"), "Must not be negative.");
        var value = input.Value is null ? (Money?)null : Money.Parse(input.Value, F("value"), errors);
        var lines = input.ProductLineIds ?? [];
        for (var i = 0; i < lines.Count; i++)
            if (!reference.IsActive(lines[i])) errors.Add(F($"productLineIds[{i}]"), "No such active product line.");
        var system = Text(input.SourceSystem, "sourceSystem", 40);
        var recordId = Text(input.SourceRecordId, "sourceRecordId", 100);
        if (recordId.Length > 0 && system.Length == 0) errors.Add(F("sourceSystem"), "Name the system the record id comes from, such as salesforce.");
        var lead = new Lead
        {
            Channel = channel,
            Source = Text(input.Source, "source", 100),
            SourceSystem = system.Length == 0 ? null : system.ToLowerInvariant(),
            SourceRecordId = recordId.Length == 0 ? null : recordId,
            FirstName = first,
            LastName = last,
            Company = company,
            Title = Text(input.Title, "title", 200),
            Email = email.Length == 0 ? null : Emails.Normalize(email),
            Phone = phone.Length == 0 ? null : phone,
            Website = Text(input.Website, "website", 253) is { Length: > 0 } w ? w : null,
            CountryCode = country ?? "",
            City = Text(input.City, "city", 100),
            Latitude = input.Latitude,
            Longitude = input.Longitude,
            Industry = Text(input.Industry, "industry", 100),
            Segment = Text(input.Segment, "segment", 100),
            Employees = input.Employees,
            Description = Text(input.Description, "description", 4000),
            ValueMinor = value?.Minor,
            Currency = value?.Currency ?? "EUR",
        };
        if (lead.Latitude is null && lead.City.Length > 0 && Locator.Cities.Find($"{lead.City}, {lead.CountryCode}") is { } known && known.CountryCode == lead.CountryCode)
            (lead.Latitude, lead.Longitude) = (known.Latitude, known.Longitude);
        foreach (var line in lines.Distinct()) lead.ProductLines.Add(new LeadProductLine { LeadId = lead.Id, ProductLineId = line });
        if (errors.All.Count > count) return null;
        lead.Identity = LeadIdentity.Of(LeadDrafts.Of(lead)).Text;
        return lead;
    }
}

/// <summary>A lead as intake's identity and qualification see it.</summary>
public static class LeadDrafts
{
    public static LeadDraft Of(Lead lead, IReadOnlyList<string>? productInterests = null) => new()
    {
        SourceSystem = lead.SourceSystem ?? lead.Channel,
        SourceRecordId = lead.SourceRecordId,
        FirstName = Empty(lead.FirstName),
        LastName = Empty(lead.LastName),
        Company = Empty(lead.Company),
        Title = Empty(lead.Title),
        Email = lead.Email,
        Phone = lead.Phone,
        Website = lead.Website,
        City = Empty(lead.City),
        Country = lead.CountryCode,
        Industry = Empty(lead.Industry),
        Employees = lead.Employees is { } n ? new EmployeeRange(n, n) : null,
        Source = Empty(lead.Source),
        ProductInterests = productInterests ?? [],
        Segment = Empty(lead.Segment),
        Description = Empty(lead.Description),
    };

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}
