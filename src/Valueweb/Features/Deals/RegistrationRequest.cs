using Valueweb.Matching;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Deals;

public sealed record CustomerInput(string? Name, string? Domain, string? Country);

public sealed record ContactInput(string? Name, string? Email, string? Phone);

/// <summary>The body of <c>POST /api/v1/deal-registrations</c> and of its <c>/check</c>.</summary>
public sealed record RegistrationRequest(
    CustomerInput? Customer, ContactInput? Contact, List<Guid>? ProductLineIds, MoneyValue? EstimatedValue,
    DateOnly? ExpectedCloseDate, string? Stage, string? Description, Guid? ReferredByPartnerId);

/// <summary>A request that passed the field checks, normalised.</summary>
public sealed record ValidRegistration(
    string CustomerName, string? CustomerDomain, string CustomerCountry, string ContactName, string ContactEmail, string? ContactPhone,
    IReadOnlyList<Guid> ProductLineIds, Money EstimatedValue, DateOnly ExpectedCloseDate, string? Stage, string Description, Guid? ReferredByPartnerId)
{
    /// <summary>The customer as the matching library sees it: the web domain and the contact's e-mail domain both count.</summary>
    public CompanyDescription Customer =>
        new(CustomerName, CustomerDomain is null ? [ContactEmail] : [CustomerDomain, ContactEmail], []);
}

public static class RegistrationValidation
{
    /// <summary>Field checks that need no database. <paramref name="today"/> bounds the close date.</summary>
    public static ValidRegistration? Validate(RegistrationRequest r, DateOnly today, FieldErrors errors)
    {
        var c = r.Customer;
        if (c is null) errors.Add("customer", "Required.");
        else
        {
            errors.Require("customer.name", c.Name, 200);
            if (c.Domain is { Length: > 0 } d && (d.Length > 253 || CompanyMatcher.NormaliseDomain(d) is null))
                errors.Add("customer.domain", "A web domain such as acme.com (free e-mail providers do not identify a company).");
            if (!Iso3166.IsCountry(c.Country)) errors.Add("customer.country", "An ISO 3166 country code, such as DE.");
        }
        var contact = r.Contact;
        if (contact is null) errors.Add("contact", "Required.");
        else
        {
            errors.Require("contact.name", contact.Name, 200);
            if (!Emails.LooksValid(contact.Email)) errors.Add("contact.email", "A valid e-mail address.");
            if (contact.Phone is { Length: > 50 }) errors.Add("contact.phone", "At most 50 characters.");
        }
        if (r.ProductLineIds is not { Count: > 0 }) errors.Add("productLineIds", "Choose at least one product line.");
        else if (r.ProductLineIds.Count > 20) errors.Add("productLineIds", "At most 20 product lines.");
        else if (r.ProductLineIds.Distinct().Count() != r.ProductLineIds.Count) errors.Add("productLineIds", "Each product line once.");
        var value = Money.Parse(r.EstimatedValue, "estimatedValue", errors);
        if (r.ExpectedCloseDate is not { } close) errors.Add("expectedCloseDate", "Required.");
        else if (close < today) errors.Add("expectedCloseDate", "Must not be in the past.");
        else if (close > today.AddYears(5)) errors.Add("expectedCloseDate", "At most five years ahead.");
        if (r.Stage is { Length: > 40 }) errors.Add("stage", "At most 40 characters.");
        if (r.Description is { Length: > 4000 }) errors.Add("description", "At most 4000 characters.");
        if (errors.Any) return null;
        return new ValidRegistration(
            c!.Name!.Trim(), c.Domain is { Length: > 0 } dom ? CompanyMatcher.NormaliseDomain(dom) : null, c.Country!.ToUpperInvariant(),
            contact!.Name!.Trim(), Emails.Normalize(contact.Email!), string.IsNullOrWhiteSpace(contact.Phone) ? null : contact.Phone.Trim(),
            r.ProductLineIds!, value!.Value, r.ExpectedCloseDate!.Value, string.IsNullOrWhiteSpace(r.Stage) ? null : r.Stage.Trim(),
            r.Description?.Trim() ?? "", r.ReferredByPartnerId);
    }
}
