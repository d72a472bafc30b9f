using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Incentives;

public sealed record RuleInput(Guid? Id, string? Kind, string? Name, Guid? ProductLineId, decimal? Rate, MoneyValue? Amount,
    DateOnly? WindowFrom, DateOnly? WindowTo, MoneyValue? Cap);

public sealed record MultiplierInput(Guid? TierId, decimal? Multiplier);

public sealed record ProgramInput(string? Name, string? Description, string? Currency, DateOnly? ValidFrom, DateOnly? ValidTo, int? ClawbackDays,
    bool? Active, List<RuleInput?>? Rules, List<MultiplierInput?>? TierMultipliers);

/// <summary>
/// Creating and editing incentive programs, one path for the API and the pages. A rule kept by id keeps its SPIFF cap
/// use; rules left out are removed. Lines already accrued keep their numbers and explanation: a change applies to deals
/// won after it.
/// </summary>
public static class ProgramEditing
{
    public const int MaxRules = 50;

    private static readonly Dictionary<string, IncentiveRuleKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["percentage"] = IncentiveRuleKind.Percentage,
        ["referralFee"] = IncentiveRuleKind.ReferralFee,
        ["spiff"] = IncentiveRuleKind.Spiff,
        ["registrationBonus"] = IncentiveRuleKind.RegistrationBonus,
    };

    public static string KindName(IncentiveRuleKind kind) => kind switch
    {
        IncentiveRuleKind.Percentage => "percentage",
        IncentiveRuleKind.ReferralFee => "referralFee",
        IncentiveRuleKind.Spiff => "spiff",
        _ => "registrationBonus",
    };

    /// <summary>Checks the input against the catalog; errors name the field ("rules[2].rate").</summary>
    public static async Task<FieldErrors> ValidateAsync(ValuewebDb db, ProgramInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Require("name", input.Name, 200);
        if (input.Description is { Length: > 2000 }) errors.Add("description", "At most 2000 characters.");
        var currency = input.Currency?.Trim();
        if (!Money.IsCurrency(currency)) errors.Add("currency", "An ISO 4217 currency code in capitals, such as EUR.");
        if (input.ValidFrom is null) errors.Add("validFrom", "Required.");
        if (input.ValidTo is { } to && input.ValidFrom is { } from && to < from) errors.Add("validTo", "Must not be before validFrom.");
        if (input.ClawbackDays is not { } days) errors.Add("clawbackDays", "Required (0 for no clawback).");
        else if (days is < 0 or > 3650) errors.Add("clawbackDays", "Between 0 and 3650 days.");
        var rules = input.Rules ?? [];
        if (rules.Count == 0) errors.Add("rules", "At least one rule.");
        if (rules.Count > MaxRules) errors.Add("rules", $"At most {MaxRules} rules.");
        var lines = await db.ProductLines.AsNoTracking().Select(p => p.Id).ToListAsync(ct);
        for (var i = 0; i < Math.Min(rules.Count, MaxRules); i++)
        {
            var at = $"rules[{i}]";
            if (rules[i] is not { } r) { errors.Add(at, "Required."); continue; }
            errors.Require(at + ".name", r.Name, 200);
            if (r.Kind is null || !Kinds.TryGetValue(r.Kind, out var kind)) { errors.Add(at + ".kind", "One of: percentage, referralFee, spiff, registrationBonus."); continue; }
            if (r.ProductLineId is { } pl && !lines.Contains(pl)) errors.Add(at + ".productLineId", "Not a product line of the catalog.");
            if (kind == IncentiveRuleKind.Percentage)
            {
                if (r.Rate is not { } rate) errors.Add(at + ".rate", "Required: a percentage of the deal value, such as 5 or 2.5.");
                else if (rate <= 0 || rate > 100) errors.Add(at + ".rate", "Greater than 0 and at most 100.");
                else if (rate * 10_000 != decimal.Truncate(rate * 10_000)) errors.Add(at + ".rate", "At most 4 decimals.");
                if (r.Amount is not null) errors.Add(at + ".amount", "A percentage rule has a rate, not an amount.");
            }
            else
            {
                if (r.Rate is not null) errors.Add(at + ".rate", "Only percentage rules have a rate.");
                if (Money.Parse(r.Amount, at + ".amount", errors) is { } amount)
                {
                    if (currency is not null && amount.Currency != currency) errors.Add(at + ".amount.currency", $"The program pays in {currency}.");
                    else if (amount.Minor == 0) errors.Add(at + ".amount.amount", "Must be more than 0.");
                }
            }
            if (kind == IncentiveRuleKind.Spiff)
            {
                if (r.WindowFrom is { } wf && r.WindowTo is { } wt && wt < wf) errors.Add(at + ".windowTo", "Must not be before windowFrom.");
                if (r.Cap is not null && Money.Parse(r.Cap, at + ".cap", errors) is { } cap && currency is not null && cap.Currency != currency)
                    errors.Add(at + ".cap.currency", $"The program pays in {currency}.");
            }
            else
            {
                if (r.WindowFrom is not null || r.WindowTo is not null) errors.Add(at + ".windowFrom", "Only SPIFFs have a date window.");
                if (r.Cap is not null) errors.Add(at + ".cap", "Only SPIFFs have a cap.");
            }
        }
        var multipliers = input.TierMultipliers ?? [];
        var tiers = await db.Tiers.AsNoTracking().Select(t => t.Id).ToListAsync(ct);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < multipliers.Count; i++)
        {
            var at = $"tierMultipliers[{i}]";
            if (multipliers[i] is not { } m) { errors.Add(at, "Required."); continue; }
            if (m.TierId is not { } tier || !tiers.Contains(tier)) errors.Add(at + ".tierId", "Not a tier of the program.");
            else if (!seen.Add(tier)) errors.Add(at + ".tierId", "This tier is listed twice.");
            if (m.Multiplier is not { } x) errors.Add(at + ".multiplier", "Required, such as 1.25.");
            else if (x <= 0 || x > 10) errors.Add(at + ".multiplier", "Greater than 0 and at most 10.");
            else if (x * 1000 != decimal.Truncate(x * 1000)) errors.Add(at + ".multiplier", "At most 3 decimals.");
        }
        return errors;
    }

    /// <summary>Writes a validated input over the program (new or loaded with its rules and multipliers).</summary>
    public static void Apply(IncentiveProgram program, ProgramInput input)
    {
        program.Name = input.Name!.Trim();
        program.Description = input.Description?.Trim() ?? "";
        program.Currency = input.Currency!.Trim();
        program.ValidFrom = input.ValidFrom!.Value;
        program.ValidTo = input.ValidTo;
        program.ClawbackDays = input.ClawbackDays!.Value;
        program.Active = input.Active ?? true;
        var kept = new List<IncentiveRule>();
        var rules = input.Rules!;
        for (var i = 0; i < rules.Count; i++)
        {
            var r = rules[i]!;
            var rule = (r.Id is { } id ? program.Rules.FirstOrDefault(x => x.Id == id) : null) ?? new IncentiveRule { ProgramId = program.Id };
            rule.Position = i;
            rule.Kind = Kinds[r.Kind!];
            rule.Name = r.Name!.Trim();
            rule.ProductLineId = r.ProductLineId;
            rule.RatePpm = r.Rate is { } rate ? (long)(rate * 10_000) : 0;
            rule.AmountMinor = r.Amount is { } a ? Money.Parse(a, "amount", new FieldErrors())!.Value.Minor : 0;
            rule.WindowFrom = r.WindowFrom;
            rule.WindowTo = r.WindowTo;
            rule.CapMinor = r.Cap is { } c ? Money.Parse(c, "cap", new FieldErrors())!.Value.Minor : null;
            kept.Add(rule);
        }
        program.Rules.RemoveAll(x => !kept.Contains(x));
        foreach (var rule in kept)
            if (!program.Rules.Contains(rule)) program.Rules.Add(rule);
        program.Multipliers.Clear();
        foreach (var m in input.TierMultipliers ?? [])
            program.Multipliers.Add(new TierMultiplier { ProgramId = program.Id, TierId = m!.TierId!.Value, Permille = (int)(m.Multiplier!.Value * 1000) });
    }

    public static ProgramInput InputOf(IncentiveProgram p) => new(p.Name, p.Description, p.Currency, p.ValidFrom, p.ValidTo, p.ClawbackDays, p.Active,
        p.Rules.OrderBy(r => r.Position).Select(r => (RuleInput?)new RuleInput(r.Id, KindName(r.Kind), r.Name, r.ProductLineId,
            r.Kind == IncentiveRuleKind.Percentage ? r.RatePpm / 10_000m : null,
            r.Kind == IncentiveRuleKind.Percentage ? null : new Money(r.AmountMinor, p.Currency).ToValue(),
            r.WindowFrom, r.WindowTo, r.CapMinor is { } cap ? new Money(cap, p.Currency).ToValue() : null)).ToList(),
        p.Multipliers.Select(m => (MultiplierInput?)new MultiplierInput(m.TierId, m.Permille / 1000m)).ToList());

    public static Task<IncentiveProgram?> LoadAsync(ValuewebDb db, Guid id, CancellationToken ct) =>
        db.IncentivePrograms.AsSplitQuery().Include(p => p.Rules).Include(p => p.Multipliers).FirstOrDefaultAsync(p => p.Id == id, ct);
}
