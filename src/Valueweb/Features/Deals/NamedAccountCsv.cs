using Valueweb.Platform.Api;

namespace Valueweb.Features.Deals;

public sealed record NamedAccountRow(string Name, string? Domain, string Country, IReadOnlyList<string> ProductLineCodes);

/// <summary>Reads the named-account CSV: a header naming the columns (any order), quoted fields with doubled quotes.</summary>
public static class NamedAccountCsv
{
    public const int MaxRows = 10_000;

    public static List<NamedAccountRow> Parse(string text, out FieldErrors errors)
    {
        errors = new FieldErrors();
        var lines = Records(text).Where(r => r.Count > 1 || (r.Count == 1 && r[0].Length > 0)).ToList();
        var rows = new List<NamedAccountRow>();
        if (lines.Count == 0) { errors.Add("body", "Send a CSV with a header line: name,domain,country,productLines."); return rows; }
        var header = lines[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Col(string name) => header.IndexOf(name.ToLowerInvariant());
        int name = Col("name"), domain = Col("domain"), country = Col("country"), productLines = Col("productLines");
        if (name < 0) errors.Add("header", "A column \"name\" is required.");
        if (country < 0) errors.Add("header", "A column \"country\" is required.");
        if (lines.Count - 1 > MaxRows) errors.Add("body", $"At most {MaxRows} rows per import.");
        if (errors.Any) return rows;
        for (var i = 1; i < lines.Count; i++)
        {
            var r = lines[i];
            string Get(int c) => c >= 0 && c < r.Count ? r[c].Trim() : "";
            var rowName = Get(name);
            var rowCountry = Get(country).ToUpperInvariant();
            if (rowName.Length == 0 || rowName.Length > 200) errors.Add($"rows[{i}].name", "Required, at most 200 characters.");
            if (!Iso3166.IsCountry(rowCountry)) errors.Add($"rows[{i}].country", "An ISO 3166 country code, such as DE.");
            var rowDomain = Get(domain);
            if (rowDomain.Length > 0 && Matching.CompanyMatcher.NormaliseDomain(rowDomain) is null) errors.Add($"rows[{i}].domain", "A web domain such as acme.com.");
            var codes = Get(productLines).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            rows.Add(new NamedAccountRow(rowName, rowDomain.Length > 0 ? rowDomain : null, rowCountry, codes));
        }
        return rows;
    }

    private static IEnumerable<List<string>> Records(string text)
    {
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString()); field.Clear();
                yield return record;
                record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); yield return record; }
    }
}
