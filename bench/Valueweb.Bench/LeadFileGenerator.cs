using System.Globalization;
using System.Text;
using Valueweb.Features.Locator;

namespace Valueweb.Bench;

/// <summary>What a generated lead file holds.</summary>
public sealed record LeadFileStats(int Rows, int Bad, int Repeated, long Bytes);

/// <summary>
/// Writes a Salesforce lead export (Data Loader style: API field names, every field quoted) of invented leads, the same for the
/// same seed: companies from <see cref="CompanyNames"/>, people at them, cities the product knows (with their country as a code
/// or a name), sizes, sources and product interests spread like a real export, a description on some rows (with commas,
/// quotes, a line break now and then). About 1 % of the rows are bad (an invalid e-mail, no name, no way to reach anyone, an
/// unknown country) and about 1 % repeat one of the last thousand good rows.
/// </summary>
public static class LeadFileGenerator
{
    private const string Header = "\"Id\",\"IsDeleted\",\"FirstName\",\"LastName\",\"Salutation\",\"Title\",\"Company\",\"Street\",\"City\",\"State\","
        + "\"PostalCode\",\"Country\",\"Phone\",\"MobilePhone\",\"Email\",\"Website\",\"LeadSource\",\"Status\",\"Industry\",\"Rating\",\"AnnualRevenue\","
        + "\"NumberOfEmployees\",\"ProductInterest__c\",\"Description\",\"OwnerId\",\"IsConverted\",\"CreatedDate\"";

    private static readonly string[] FirstNames =
    [
        "Ada", "Alan", "Anna", "Ben", "Carla", "David", "Elena", "Emma", "Felix", "Grace", "Hannah", "Hugo", "Ines", "Jonas", "Julia", "Karl",
        "Lea", "Lucas", "Maria", "Marco", "Mia", "Noah", "Olivia", "Paul", "Pia", "Rafael", "Sara", "Sofia", "Tom", "Vera", "Yusuf", "Zoe",
    ];

    private static readonly string[] LastNames =
    [
        "Becker", "Bernard", "Bianchi", "Brown", "Costa", "de Vries", "Dubois", "Fischer", "García", "Hansen", "Hoffmann", "Hughes", "Jansen",
        "Keller", "Kowalski", "Lindqvist", "López", "Meyer", "Moreau", "Müller", "Murphy", "Nowak", "O'Neill", "Rossi", "Schmidt", "Silva",
        "Smith", "Taylor", "Wagner", "Weber", "Wright", "Zimmermann",
    ];

    private static readonly string[] Titles = ["CEO", "CTO", "CIO", "Head of IT", "IT Manager", "Procurement", "Owner", "Director of Operations", "", ""];

    private static readonly string[] Sources =
    [
        "Web", "Web", "Web", "Partner Referral", "Trade Show", "Webinar", "Phone Inquiry", "Purchased List", "Email", "Employee Referral", "Other", "",
    ];

    private static readonly string[] Industries = ["Technology", "Manufacturing", "Retail", "Healthcare", "Financial Services", "Logistics", "Energy", "Media", ""];

    private static readonly string[] Interests = ["Cloud Platform", "Data & Analytics", "SEC", "Networking", "EDGE", "Collaboration", "Quantum Toaster"];

    private static readonly Dictionary<string, string> CountryNames = new(StringComparer.Ordinal)
    {
        ["DE"] = "Germany",
        ["US"] = "United States",
        ["GB"] = "United Kingdom",
        ["FR"] = "France",
        ["NL"] = "Netherlands",
        ["IT"] = "Italy",
        ["ES"] = "Spain",
        ["CH"] = "Switzerland",
        ["AT"] = "Austria",
        ["SE"] = "Sweden",
        ["PL"] = "Poland",
        ["BE"] = "Belgium",
        ["CA"] = "Canada",
        ["NO"] = "Norway",
        ["DK"] = "Denmark",
    };

    private static readonly string[] Descriptions =
    [
        "Asked for a demo", "Wants pricing for 50 seats, \"ASAP\"", "Met at the booth; interested in a pilot", "Renewal of a competitor's contract in Q3",
        "Two sites, one in the north,\nthe other near the port", "Downloaded the white paper",
    ];

    public static LeadFileStats Write(string path, int rows, int seed = 20261124)
    {
        var random = new Random(seed);
        var companies = new CompanyNames(new Random(seed + 1));
        var cities = Cities.All.GroupBy(c => c.CountryCode).ToDictionary(g => g.Key, g => g.ToArray());
        var recent = new string[1000];
        int kept = 0, bad = 0, repeated = 0;
        var line = new StringBuilder(512);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write(Header);
            writer.Write("\r\n");
            for (var i = 0; i < rows; i++)
            {
                var roll = random.Next(1000);
                if (roll < 10 && kept > 0)
                {
                    writer.Write(recent[random.Next(Math.Min(kept, recent.Length))]);
                    repeated++;
                    continue;
                }
                var flaw = roll < 20 ? random.Next(4) : -1;
                line.Clear();
                Row(line, i, random, companies, cities, flaw);
                var text = line.ToString();
                writer.Write(text);
                if (flaw >= 0) bad++;
                else recent[kept++ % recent.Length] = text;
            }
        }
        return new LeadFileStats(rows, bad, repeated, new FileInfo(path).Length);
    }

    private static void Row(StringBuilder line, int i, Random random, CompanyNames companies, Dictionary<string, City[]> cities, int flaw)
    {
        var company = companies.Next();
        var first = Pick(random, FirstNames);
        var last = Pick(random, LastNames);
        var domain = company.Domain ?? Pick(random, ["gmail.com", "outlook.com", "web.de", "yahoo.fr"]);
        var email = $"{Ascii(first)}.{Ascii(last)}{i % 97}@{domain}".ToLowerInvariant();
        var city = cities.TryGetValue(company.Country, out var known) ? Pick(random, known) : null;
        var country = random.Next(2) == 0 ? company.Country : CountryNames.GetValueOrDefault(company.Country, company.Country);
        var phone = random.Next(100) < 60 ? $"+{random.Next(1, 99)} {random.Next(10, 999)} {random.Next(100000, 9999999)}" : "";
        var mobile = random.Next(100) < 20 ? $"+{random.Next(1, 99)} 17{random.Next(1000000, 9999999)}" : "";
        var (name, companyName) = (true, company.Name);
        switch (flaw)
        {
            case 0:
                email = email.Replace("@", " at ", StringComparison.Ordinal);
                break;
            case 1:
                (name, companyName) = (false, "");
                break;
            case 2:
                (email, phone, mobile) = ("", "n/a", "");
                break;
            case 3:
                country = "Atlantis";
                break;
        }
        var employees = (int)Math.Round(Math.Exp(random.NextDouble() * Math.Log(20_000)));
        var interests = random.Next(100) switch
        {
            < 40 => "",
            < 85 => Pick(random, Interests),
            _ => $"{Pick(random, Interests)};{Pick(random, Interests)}",
        };
        Field(line, SalesforceId(i), first: true);
        Field(line, "false");
        Field(line, name ? first : "");
        Field(line, name ? last : "");
        Field(line, Pick(random, ["Mr.", "Ms.", "Dr.", ""]));
        Field(line, Pick(random, Titles));
        Field(line, companyName);
        Field(line, $"{random.Next(1, 200)} {Pick(random, ["Main Street", "Hauptstraße", "Rue de la Paix", "High Street"])}");
        Field(line, city?.Name ?? "");
        Field(line, "");
        Field(line, random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture));
        Field(line, country);
        Field(line, phone);
        Field(line, mobile);
        Field(line, email);
        Field(line, company.Domain is null ? "" : "www." + company.Domain);
        Field(line, Pick(random, Sources));
        Field(line, Pick(random, ["Open - Not Contacted", "Working - Contacted"]));
        Field(line, Pick(random, Industries));
        Field(line, Pick(random, ["Hot", "Warm", "Cold", ""]));
        Field(line, random.Next(100) < 50 ? (employees * 120_000L).ToString(CultureInfo.InvariantCulture) : "");
        Field(line, employees.ToString(CultureInfo.InvariantCulture));
        Field(line, interests);
        Field(line, random.Next(100) < 30 ? Pick(random, Descriptions) : "");
        Field(line, "0055g00000Xyz12AAA");
        Field(line, "false");
        Field(line, "2026-10-01T09:00:00.000Z");
        line.Append("\r\n");
    }

    /// <summary>An 18-character lead id, unique per row.</summary>
    private static string SalesforceId(int i) => string.Create(CultureInfo.InvariantCulture, $"00Q5g{i:D10}AAA");

    private static void Field(StringBuilder line, string value, bool first = false)
    {
        if (!first) line.Append(',');
        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static City Pick(Random random, City[] values) => values[random.Next(values.Length)];

    private static string Ascii(string s) => CompanyNames.Ascii(s).Replace(" ", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
}
