using System.Globalization;

namespace Valueweb.Platform.Api;

/// <summary>How money travels: <c>{"amount": 1234.50, "currency": "EUR"}</c>, amount in major units.</summary>
public sealed record MoneyValue(decimal? Amount, string? Currency);

/// <summary>Money as stored: integer minor units with an ISO 4217 code. Exact; never a float.</summary>
public readonly record struct Money(long Minor, string Currency)
{
    private static readonly HashSet<string> Known = BuildKnown();
    private static readonly HashSet<string> NoMinorUnits = new(StringComparer.Ordinal) { "JPY", "KRW", "ISK", "CLP", "VND", "PYG", "UGX", "XOF", "XAF", "RWF", "KMF", "GNF", "DJF", "VUV", "XPF", "BIF" };
    private static readonly HashSet<string> ThreeMinorUnits = new(StringComparer.Ordinal) { "BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD" };

    public static int Decimals(string currency) => NoMinorUnits.Contains(currency) ? 0 : ThreeMinorUnits.Contains(currency) ? 3 : 2;

    public static bool IsCurrency(string? code) => code is { Length: 3 } && Known.Contains(code);

    public decimal Amount => Minor / Factor(Currency);

    public MoneyValue ToValue() => new(Amount, Currency);

    public override string ToString() => Amount.ToString("N" + Decimals(Currency), CultureInfo.InvariantCulture) + " " + Currency;

    public string Format(CultureInfo culture) => Amount.ToString("N" + Decimals(Currency), culture) + " " + Currency;

    /// <summary>Validates a travelling value: a known currency, a non-negative amount with no more decimals than it has.</summary>
    public static Money? Parse(MoneyValue? value, string field, FieldErrors errors, bool required = true)
    {
        if (value is null)
        {
            if (required) errors.Add(field, "Required.");
            return null;
        }
        var ok = true;
        if (!IsCurrency(value.Currency)) { errors.Add(field + ".currency", "An ISO 4217 currency code in capitals, such as EUR."); ok = false; }
        if (value.Amount is not { } amount) { errors.Add(field + ".amount", "Required."); return null; }
        if (amount < 0) { errors.Add(field + ".amount", "Must not be negative."); ok = false; }
        if (amount > 1_000_000_000_000m) { errors.Add(field + ".amount", "Too large."); ok = false; }
        if (!ok) return null;
        var factor = Factor(value.Currency!);
        var minor = amount * factor;
        if (minor != decimal.Truncate(minor)) { errors.Add(field + ".amount", $"At most {Decimals(value.Currency!)} decimals for {value.Currency}."); return null; }
        return new Money((long)minor, value.Currency!);
    }

    private static decimal Factor(string currency) => Decimals(currency) switch { 0 => 1m, 3 => 1000m, _ => 100m };

    private static HashSet<string> BuildKnown()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var code = new RegionInfo(culture.Name).ISOCurrencySymbol;
                if (code.Length == 3 && code.All(char.IsAsciiLetterUpper)) set.Add(code);
            }
            catch (ArgumentException)
            {
            }
        }
        return set;
    }
}
