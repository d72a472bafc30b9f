using System.Globalization;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Incentives.Pages;

/// <summary>The program editor's form: fields as posted (text), turned into the API's input so both share one validation.</summary>
public sealed class ProgramForm
{
    public const int BlankRules = 2;

    public long? Version { get; set; }
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Currency { get; set; }
    public string? ValidFrom { get; set; }
    public string? ValidTo { get; set; }
    public string? ClawbackDays { get; set; }
    public bool Active { get; set; }
    public List<RuleRow> Rules { get; set; } = [];
    public List<MultiplierRow> Multipliers { get; set; } = [];

    public sealed class RuleRow
    {
        public string? Id { get; set; }
        public string? Kind { get; set; }
        public string? Name { get; set; }
        public string? ProductLineId { get; set; }
        public string? Rate { get; set; }
        public string? Amount { get; set; }
        public string? WindowFrom { get; set; }
        public string? WindowTo { get; set; }
        public string? Cap { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Rate) && string.IsNullOrWhiteSpace(Amount);
    }

    public sealed class MultiplierRow
    {
        public string? TierId { get; set; }
        public string? Multiplier { get; set; }
    }

    public static ProgramForm From(ProgramInput p, long version, IEnumerable<Guid> tierIds)
    {
        var form = new ProgramForm
        {
            Version = version,
            Name = p.Name,
            Description = p.Description,
            Currency = p.Currency,
            ValidFrom = p.ValidFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ValidTo = p.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ClawbackDays = p.ClawbackDays?.ToString(CultureInfo.InvariantCulture),
            Active = p.Active ?? true,
        };
        foreach (var r in p.Rules ?? [])
            form.Rules.Add(new RuleRow
            {
                Id = r!.Id?.ToString(),
                Kind = r.Kind,
                Name = r.Name,
                ProductLineId = r.ProductLineId?.ToString(),
                Rate = r.Rate?.ToString(CultureInfo.InvariantCulture),
                Amount = r.Amount?.Amount?.ToString(CultureInfo.InvariantCulture),
                WindowFrom = r.WindowFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                WindowTo = r.WindowTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Cap = r.Cap?.Amount?.ToString(CultureInfo.InvariantCulture),
            });
        var multipliers = (p.TierMultipliers ?? []).Where(m => m?.TierId is not null).ToDictionary(m => m!.TierId!.Value, m => m!.Multiplier);
        foreach (var tier in tierIds)
            form.Multipliers.Add(new MultiplierRow { TierId = tier.ToString(), Multiplier = multipliers.TryGetValue(tier, out var x) ? x?.ToString(CultureInfo.InvariantCulture) : "" });
        return form;
    }

    /// <summary>Blank rule rows and blank multipliers are left out; a field that is not a number or date is passed on as missing and reported by the validation.</summary>
    public ProgramInput ToInput(FieldErrors errors)
    {
        var currency = Currency?.Trim().ToUpperInvariant();
        var rules = new List<RuleInput?>();
        foreach (var r in (Rules ?? []).Where(r => !r.IsBlank))
        {
            var at = $"rules[{rules.Count}]";
            rules.Add(new RuleInput(Guid.TryParse(r.Id, out var id) ? id : null, r.Kind, r.Name, Guid.TryParse(r.ProductLineId, out var pl) ? pl : null,
                Number(r.Rate, at + ".rate", errors), r.Kind == "percentage" ? null : Money(r.Amount, currency, at + ".amount", errors),
                Date(r.WindowFrom, at + ".windowFrom", errors), Date(r.WindowTo, at + ".windowTo", errors), Money(r.Cap, currency, at + ".cap", errors)));
        }
        var multipliers = (Multipliers ?? []).Where(m => !string.IsNullOrWhiteSpace(m.Multiplier))
            .Select((m, i) => (MultiplierInput?)new MultiplierInput(Guid.TryParse(m.TierId, out var t) ? t : null, Number(m.Multiplier, $"tierMultipliers[{i}].multiplier", errors))).ToList();
        return new ProgramInput(Name, Description, currency, Date(ValidFrom, "validFrom", errors), Date(ValidTo, "validTo", errors),
            int.TryParse(ClawbackDays, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) ? days : null, Active, rules, multipliers);
    }

    private static decimal? Number(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)) return n;
        errors.Add(field, "A number, such as 5 or 2.5.");
        return null;
    }

    private static MoneyValue? Money(string? text, string? currency, string field, FieldErrors errors) =>
        Number(text, field + ".amount", errors) is { } n ? new MoneyValue(n, currency) : null;

    private static DateOnly? Date(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors.Add(field, "A date as YYYY-MM-DD.");
        return null;
    }
}
