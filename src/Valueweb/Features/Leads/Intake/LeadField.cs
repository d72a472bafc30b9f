namespace Valueweb.Features.Leads.Intake;

/// <summary>The fields of a lead that an import can fill. The camelCase name of each is the name of the column in our own export.</summary>
public enum LeadField
{
    /// <summary>The system the lead comes from ("salesforce", "hubspot"): set per row only in our own export.</summary>
    SourceSystem,
    /// <summary>The lead's id in the system it comes from (a Salesforce lead id, a HubSpot record id).</summary>
    SourceRecordId,
    FirstName,
    LastName,
    /// <summary>A person's whole name in one column, used when first and last name are not given.</summary>
    FullName,
    Company,
    Title,
    Email,
    Phone,
    Mobile,
    Website,
    Street,
    City,
    State,
    PostalCode,
    Country,
    Industry,
    /// <summary>The company's size: a number of employees or a range such as "51-200".</summary>
    Employees,
    AnnualRevenue,
    /// <summary>Where the lead came from (Salesforce's lead source, HubSpot's original source).</summary>
    LeadSource,
    ProductInterest,
    Segment,
    Description,
    Rating,
    Status,
}
