using System.Text;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads.Intake;

/// <summary>The system whose export a lead file looks like, told from its header.</summary>
public enum LeadFileFormat
{
    Generic,
    Salesforce,
    HubSpot,
}

/// <summary>A column of the file that fills one of our fields.</summary>
public sealed record RecognisedColumn(int Index, string Header, LeadField Field, bool Overridden);

/// <summary>A column of the file that is not imported, and why.</summary>
public sealed record IgnoredColumn(int Index, string Header, string Why);

/// <summary>
/// Recognises the columns of a lead file from its header: Salesforce API field names and report labels, HubSpot export labels
/// and our own export names, compared without case, spaces or punctuation ("Zip/Postal Code" = "zippostalcode"), plus the
/// user's own mapping where the file uses other names.
/// </summary>
public static class LeadColumns
{
    /// <summary>Header key → field, with a rank: when several columns name one field, the lowest rank wins, then the leftmost.</summary>
    private static readonly Dictionary<string, (LeadField Field, int Rank)> Aliases = BuildAliases();

    /// <summary>Headers only Salesforce writes: API names (compared exactly) and report labels (compared as keys).</summary>
    private static readonly HashSet<string> SalesforceApiNames = new(StringComparer.Ordinal)
    {
        "Id", "FirstName", "LastName", "LeadSource", "NumberOfEmployees", "MobilePhone", "PostalCode", "AnnualRevenue", "CountryCode",
        "StateCode", "IsConverted", "OwnerId", "CreatedDate", "Salutation", "MasterRecordId", "IsUnreadByOwner",
    };

    private static readonly HashSet<string> SalesforceLabels = new(StringComparer.Ordinal)
    {
        "companyaccount", "leadid", "leadowner", "noofemployees", "zippostalcode", "stateprovince", "leadrecordtype",
    };

    private static readonly HashSet<string> HubSpotLabels = new(StringComparer.Ordinal)
    {
        "recordid", "countryregion", "stateregion", "websiteurl", "mobilephonenumber", "originalsource", "contactowner", "lifecyclestage",
        "associatedcompany", "companydomainname", "originalsourcedrilldown1",
    };

    private static Dictionary<string, (LeadField, int)> BuildAliases()
    {
        var map = new Dictionary<string, (LeadField, int)>(StringComparer.Ordinal);
        void Add(LeadField field, int rank, params string[] keys)
        {
            foreach (var key in keys) map.TryAdd(key, (field, rank));
        }
        Add(LeadField.SourceRecordId, 0, "id", "leadid", "recordid");
        Add(LeadField.SourceRecordId, 1, "contactid", "externalid", "sourceid", "crmid");
        Add(LeadField.FirstName, 1, "givenname", "forename");
        Add(LeadField.FirstName, 2, "first");
        Add(LeadField.LastName, 1, "surname", "familyname");
        Add(LeadField.LastName, 2, "last");
        Add(LeadField.FullName, 1, "name", "leadname", "contactname");
        Add(LeadField.FullName, 2, "contact", "person");
        Add(LeadField.Company, 0, "companyname", "companyaccount");
        Add(LeadField.Company, 1, "account", "accountname", "organisation", "organization", "organisationname", "organizationname");
        Add(LeadField.Company, 2, "associatedcompany", "employer");
        Add(LeadField.Title, 0, "jobtitle");
        Add(LeadField.Title, 1, "position");
        Add(LeadField.Title, 2, "role", "jobrole");
        Add(LeadField.Email, 0, "emailaddress");
        Add(LeadField.Email, 1, "mail", "businessemail", "workemail", "primaryemail");
        Add(LeadField.Phone, 0, "phonenumber");
        Add(LeadField.Phone, 1, "telephone", "tel", "businessphone", "workphone", "officephone");
        Add(LeadField.Mobile, 0, "mobilephone", "mobilephonenumber", "mobilenumber");
        Add(LeadField.Mobile, 1, "cell", "cellphone", "cellphonenumber");
        Add(LeadField.Website, 0, "websiteurl");
        Add(LeadField.Website, 1, "web", "url", "companywebsite", "homepage");
        Add(LeadField.Website, 2, "companydomainname", "domain");
        Add(LeadField.Street, 0, "streetaddress");
        Add(LeadField.Street, 1, "address", "address1", "addressline1");
        Add(LeadField.City, 1, "town");
        Add(LeadField.State, 0, "stateprovince", "stateregion");
        Add(LeadField.State, 1, "province", "statecode");
        Add(LeadField.PostalCode, 0, "zippostalcode");
        Add(LeadField.PostalCode, 1, "zip", "zipcode", "postcode");
        // A code is cleaner than a name: Salesforce exports with country picklists carry both.
        Add(LeadField.Country, 0, "countrycode", "countryisocode");
        Add(LeadField.Country, 1, "country", "countryregion");
        Add(LeadField.Industry, 1, "sector", "vertical");
        Add(LeadField.Employees, 0, "numberofemployees", "noofemployees");
        Add(LeadField.Employees, 1, "companysize", "employeecount", "headcount");
        Add(LeadField.Employees, 2, "size");
        Add(LeadField.AnnualRevenue, 1, "revenue", "companyrevenue");
        Add(LeadField.LeadSource, 1, "source", "originalsource");
        Add(LeadField.ProductInterest, 1, "productsofinterest", "interest", "interestedin");
        Add(LeadField.ProductInterest, 2, "product", "products", "productline");
        Add(LeadField.Segment, 0, "customersegment");
        Add(LeadField.Segment, 1, "marketsegment");
        Add(LeadField.Description, 1, "notes", "note", "comments", "comment", "message");
        Add(LeadField.Rating, 0, "leadrating");
        Add(LeadField.Status, 0, "leadstatus");
        // Our own export names ("sourceRecordId", "firstName", …), where not ranked above.
        foreach (var field in Enum.GetValues<LeadField>()) Add(field, 0, Key(field.ToString()));
        return map;
    }

    /// <summary>The name of a field in our export and in a user's mapping: "sourceRecordId", "firstName".</summary>
    public static string Name(LeadField field)
    {
        var text = field.ToString();
        return string.Concat(char.ToLowerInvariant(text[0]).ToString(), text[1..]);
    }

    /// <summary>Reads a field's name as the user or our export writes it, without regard to case.</summary>
    public static bool TryParseField(string? name, out LeadField field)
    {
        field = default;
        var text = name?.Trim();
        // Enum.TryParse also reads numbers and "A, B"; a field's name is neither.
        return text is { Length: > 0 } && char.IsLetter(text[0]) && !text.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse(text, ignoreCase: true, out field) && Enum.IsDefined(field);
    }

    /// <summary>A header compared without case, spaces and punctuation, and without Salesforce's "__c" of custom fields.</summary>
    public static string Key(string header)
    {
        var text = header.AsSpan().Trim();
        if (text.EndsWith("__c", StringComparison.OrdinalIgnoreCase)) text = text[..^3];
        var key = new StringBuilder(text.Length);
        foreach (var c in text)
            if (char.IsLetterOrDigit(c)) key.Append(char.ToLowerInvariant(c));
        return key.ToString();
    }

    /// <summary>
    /// Maps a header row to our fields. <paramref name="mapping"/> is the user's choice, field name → header ("email" →
    /// "E-Mail Addr"); an empty header leaves the field out. A column fills at most one field; a mapped column is taken before
    /// any is recognised. Errors are keyed "mapping.{field}".
    /// </summary>
    public static LeadColumnMap Recognise(IReadOnlyList<string> header, IReadOnlyDictionary<string, string?>? mapping = null)
    {
        var keys = new string[header.Count];
        for (var i = 0; i < header.Count; i++) keys[i] = Key(header[i]);
        var fields = Enum.GetValues<LeadField>();
        var indexes = new int[fields.Length];
        Array.Fill(indexes, -1);
        var overridden = new bool[fields.Length];
        var taken = new LeadField?[header.Count];
        var errors = new FieldErrors();

        foreach (var (name, column) in mapping ?? new Dictionary<string, string?>())
        {
            if (!TryParseField(name, out var field))
            {
                errors.Add($"mapping.{name}", "Not a lead field.");
                continue;
            }
            overridden[(int)field] = true;
            if (string.IsNullOrWhiteSpace(column)) continue;
            var index = Find(header, keys, column);
            if (index < 0) errors.Add($"mapping.{Name(field)}", $"The file has no column '{column.Trim()}'.");
            else if (taken[index] is { } other) errors.Add($"mapping.{Name(field)}", $"Column '{header[index]}' is already mapped to {Name(other)}.");
            else
            {
                indexes[(int)field] = index;
                taken[index] = field;
            }
        }

        var ranks = new int[fields.Length];
        for (var i = 0; i < header.Count; i++)
        {
            if (taken[i] is not null || !Aliases.TryGetValue(keys[i], out var alias) || overridden[(int)alias.Field]) continue;
            var f = (int)alias.Field;
            if (indexes[f] < 0 || alias.Rank < ranks[f])
            {
                indexes[f] = i;
                ranks[f] = alias.Rank;
            }
        }

        var recognised = new List<RecognisedColumn>();
        var ignored = new List<IgnoredColumn>();
        var byColumn = new LeadField?[header.Count];
        foreach (var field in fields)
            if (indexes[(int)field] >= 0) byColumn[indexes[(int)field]] = field;
        for (var i = 0; i < header.Count; i++)
        {
            if (byColumn[i] is { } field) recognised.Add(new RecognisedColumn(i, header[i], field, overridden[(int)field]));
            else if (Aliases.TryGetValue(keys[i], out var alias) && indexes[(int)alias.Field] >= 0)
                ignored.Add(new IgnoredColumn(i, header[i], $"{Name(alias.Field)} is read from column '{header[indexes[(int)alias.Field]]}'."));
            else if (Aliases.TryGetValue(keys[i], out alias) && overridden[(int)alias.Field])
                ignored.Add(new IgnoredColumn(i, header[i], $"{Name(alias.Field)} is left out by the mapping."));
            else ignored.Add(new IgnoredColumn(i, header[i], "Not a lead field."));
        }

        var warnings = new List<string>();
        bool Has(LeadField f) => indexes[(int)f] >= 0;
        if (!Has(LeadField.Company) && !Has(LeadField.FirstName) && !Has(LeadField.LastName) && !Has(LeadField.FullName))
            warnings.Add("No column for a company or a person's name: every row will be reported as bad.");
        if (!Has(LeadField.Email) && !Has(LeadField.Phone) && !Has(LeadField.Mobile))
            warnings.Add("No column for an e-mail or a phone: every row will be reported as bad.");

        return new LeadColumnMap(header.ToArray(), Detect(header, keys), indexes, recognised, ignored, warnings, errors);
    }

    private static int Find(IReadOnlyList<string> header, string[] keys, string column)
    {
        var wanted = column.Trim();
        for (var i = 0; i < header.Count; i++)
            if (string.Equals(header[i].Trim(), wanted, StringComparison.Ordinal)) return i;
        var key = Key(wanted);
        return key.Length == 0 ? -1 : Array.IndexOf(keys, key);
    }

    private static LeadFileFormat Detect(IReadOnlyList<string> header, string[] keys)
    {
        int salesforce = 0, hubSpot = 0;
        for (var i = 0; i < header.Count; i++)
        {
            if (SalesforceApiNames.Contains(header[i].Trim()) || SalesforceLabels.Contains(keys[i])) salesforce++;
            if (HubSpotLabels.Contains(keys[i])) hubSpot++;
        }
        return salesforce > hubSpot ? LeadFileFormat.Salesforce : hubSpot > salesforce ? LeadFileFormat.HubSpot : LeadFileFormat.Generic;
    }
}
