using System.Globalization;
using Valueweb.Features.Leads.Import;
using Valueweb.Features.Leads.Intake;

namespace Valueweb.Features.Leads.Pages;

/// <summary>How the lead import pages put imports into words. UI text lives here, in one place.</summary>
public static class ImportText
{
    public static string PagePath(Guid id) => $"/leads/import/{id}";

    /// <summary>The rows not imported, as a CSV file (the API's report; the page's cookie signs the request).</summary>
    public static string ReportPath(Guid id) => LeadImportViews.Location(id) + "/errors";

    public static string State(LeadImportState state) => state switch
    {
        LeadImportState.Uploaded => "Not started",
        LeadImportState.Running => "Running",
        LeadImportState.Done => "Done",
        _ => "Failed",
    };

    public static string Field(LeadField field) => field switch
    {
        LeadField.SourceSystem => "Source system (per row)",
        LeadField.SourceRecordId => "Record id",
        LeadField.FirstName => "First name",
        LeadField.LastName => "Last name",
        LeadField.FullName => "Full name",
        LeadField.Company => "Company",
        LeadField.Title => "Job title",
        LeadField.Email => "E-mail",
        LeadField.Phone => "Phone",
        LeadField.Mobile => "Mobile",
        LeadField.Website => "Website",
        LeadField.Street => "Street",
        LeadField.City => "City",
        LeadField.State => "State or region",
        LeadField.PostalCode => "Postal code",
        LeadField.Country => "Country",
        LeadField.Industry => "Industry",
        LeadField.Employees => "Employees",
        LeadField.AnnualRevenue => "Annual revenue",
        LeadField.LeadSource => "Lead source",
        LeadField.ProductInterest => "Product interest",
        LeadField.Segment => "Segment",
        LeadField.Description => "Description",
        LeadField.Rating => "Rating",
        _ => "Status",
    };

    /// <summary>A field by its name in a mapping ("email" → "E-mail"); the name itself when it is not a field.</summary>
    public static string Field(string name) => LeadColumns.TryParseField(name, out var field) ? Field(field) : name;

    public static string Format(string format) => format switch
    {
        "salesforce" => "a Salesforce export",
        "hubSpot" => "a HubSpot export",
        _ => "a CSV file",
    };

    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"42.5 %", as the progress script writes it too.</summary>
    public static string Percent(double percent) => percent.ToString("0.#", CultureInfo.InvariantCulture) + " %";

    /// <summary>For the progress element's value.</summary>
    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    public static string Duration(TimeSpan span) => span.TotalSeconds < 60
        ? Math.Max(1, (int)Math.Round(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + " s"
        : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min {span.Seconds} s" : $"{(int)span.TotalHours} h {span.Minutes} min";

    /// <summary>One sentence on a finished import: what was read and what became of it.</summary>
    public static string Outcome(LeadImport i) =>
        $"{Count(i.Rows)} {Plural(i.Rows, "row", "rows")} read: {Count(i.Imported)} new {Plural(i.Imported, "lead", "leads")} imported"
        + (i.Queued > 0 ? $" ({Count(i.Queued)} qualified and sent to routing)" : "")
        + $", {Count(i.Duplicates)} {Plural(i.Duplicates, "duplicate", "duplicates")}, {Count(i.Bad)} bad {Plural(i.Bad, "row", "rows")}.";

    public static string Plural(int n, string one, string many) => n == 1 ? one : many;
}
