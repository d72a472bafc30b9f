using System.Globalization;
using System.Text.Json;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Deals.Pages;

/// <summary>How the deal pages put registrations into words: statuses, conflict kinds, money, events. UI text lives here, in one place.</summary>
public static class DealText
{
    /// <summary>"pending" → "Pending": the word on the status pill.</summary>
    public static string Status(string status) => status.Length == 0 ? status : char.ToUpperInvariant(status[0]) + status[1..];

    /// <summary>The kind of claim a conflict is with, worded for the partner or for the vendor.</summary>
    public static string Kind(string kind, bool vendor = false) => kind switch
    {
        "registration" => "Earlier registration",
        "ownDuplicate" => vendor ? "The same partner's own registration" : "Your company's own registration",
        "directDeal" => "Direct sales deal",
        "namedAccount" => "Named account",
        _ => kind,
    };

    /// <summary>A match score (0..1) as a whole percentage.</summary>
    public static string Score(double score) => Math.Round(score * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + " %";

    public static string Money(MoneyValue? value)
    {
        if (value?.Amount is not { } amount || value.Currency is not { } currency) return "—";
        return amount.ToString("N" + Platform.Api.Money.Decimals(currency), CultureInfo.InvariantCulture) + " " + currency;
    }

    /// <summary>A short amount for chart labels: 1.25M, 830k, 950.</summary>
    public static string Compact(decimal amount) => Math.Abs(amount) switch
    {
        >= 1_000_000_000m => (amount / 1_000_000_000m).ToString("0.##", CultureInfo.InvariantCulture) + "bn",
        >= 1_000_000m => (amount / 1_000_000m).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000m => (amount / 1_000m).ToString("0", CultureInfo.InvariantCulture) + "k",
        _ => amount.ToString("0", CultureInfo.InvariantCulture),
    };

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Event(string type) => type switch
    {
        "dealRegistration.submitted" => "Registered",
        "dealRegistration.approved" => "Approved",
        "dealRegistration.rejected" => "Rejected",
        "dealRegistration.reassigned" => "Reassigned",
        "dealRegistration.extended" => "Protection extended",
        "dealRegistration.stageChanged" => "Stage changed",
        "dealRegistration.won" => "Marked as won",
        "dealRegistration.lost" => "Marked as lost",
        "dealRegistration.expired" => "Protection expired",
        _ => type,
    };

    /// <summary>
    /// An event's data in plain words ("reason: …; protected until: 2027-01-31"). Ids are shown only when <paramref name="names"/> knows them
    /// (the partners the registration itself names); other ids are left out.
    /// </summary>
    public static string EventData(string data, IReadOnlyDictionary<Guid, string> names, Func<string, string> stageName)
    {
        try
        {
            using var doc = JsonDocument.Parse(data);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return "";
            var parts = new List<string>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name is "productLineIds" or "customer") continue;
                var text = Value(p.Name, p.Value, names, stageName);
                if (!string.IsNullOrEmpty(text)) parts.Add($"{Label(p.Name)}: {text}");
            }
            return string.Join("; ", parts);
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string Label(string key) => key switch
    {
        "inConflict" => "in conflict",
        "conflicts" => "conflicts found",
        "protectedUntil" => "protected until",
        "referralCredit" => "referral credit",
        "actualValue" => "actual value",
        "closeDate" => "closed on",
        _ => key,
    };

    private static string? Value(string key, JsonElement v, IReadOnlyDictionary<Guid, string> names, Func<string, string> stageName)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.True:
                return "yes";
            case JsonValueKind.False:
                return "no";
            case JsonValueKind.Number:
                return v.GetRawText();
            case JsonValueKind.Object:
                if (v.TryGetProperty("amount", out var amount) && amount.TryGetDecimal(out var a) && v.TryGetProperty("currency", out var currency))
                    return Money(new MoneyValue(a, currency.GetString()));
                return null;
            case JsonValueKind.String:
                var s = v.GetString() ?? "";
                if (Guid.TryParse(s, out var id)) return names.TryGetValue(id, out var name) ? name : null;
                if (key is "from" or "to") return stageName(s);
                if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) && s.Contains('T', StringComparison.Ordinal))
                    return at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return s;
            default:
                return null;
        }
    }

    private static readonly Lazy<IReadOnlyList<(string Code, string Name)>> CountryList = new(() =>
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var region = new RegionInfo(culture.Name);
                var code = region.TwoLetterISORegionName;
                if (code.Length == 2 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) && Iso3166.IsCountry(code)) seen.TryAdd(code, region.EnglishName);
            }
            catch (ArgumentException)
            {
            }
        }
        return seen.Select(x => (x.Key, x.Value)).OrderBy(x => x.Value, StringComparer.Ordinal).ToList();
    });

    /// <summary>The countries a customer can be in, by English name.</summary>
    public static IReadOnlyList<(string Code, string Name)> Countries => CountryList.Value;
}
