using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Catalog;
using Valueweb.Matching;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Deals;

/// <summary>Changing the rules of engagement, for the API and the page alike: all fields checked, then one transaction.</summary>
public static class DealRulesEditing
{
    public static T? ParseEnum<T>(string? s) where T : struct, Enum => Enum.TryParse<T>(s, ignoreCase: true, out var v) && Enum.IsDefined(v) && !int.TryParse(s, out _) ? v : null;

    /// <summary>Applies <paramref name="c"/> to <paramref name="program"/> when every field is valid and the version still holds.</summary>
    public static async Task<(FieldErrors? Errors, bool Stale)> ApplyAsync(ValuewebDb db, Journal journal, PartnerProgram program, long version, DealRulesChange c,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (c.ProtectionDays is < 1 or > 730) errors.Add("protectionDays", "From 1 to 730 days.");
        if (c.ExtensionDays is < 1 or > 365) errors.Add("extensionDays", "From 1 to 365 days.");
        if (c.ReminderDays is < 0 or > 90) errors.Add("reminderDays", "From 0 to 90 days.");
        if (c.ConflictThreshold is { } t && (double.IsNaN(t) || t < CompanyMatcher.LowestThreshold || t > 1))
            errors.Add("conflictThreshold", $"From {CompanyMatcher.LowestThreshold} to 1.");
        var extension = c.ExtensionRule is null ? (ExtensionRule?)null : ParseEnum<ExtensionRule>(c.ExtensionRule);
        if (c.ExtensionRule is not null && extension is null) errors.Add("extensionRule", "One of: none, once, unlimited.");
        var own = c.OwnDuplicates is null ? (OwnDuplicateRule?)null : ParseEnum<OwnDuplicateRule>(c.OwnDuplicates);
        if (c.OwnDuplicates is not null && own is null) errors.Add("ownDuplicates", "One of: review, refuse, allow.");
        if (c.ReportingCurrency is not null && !Money.IsCurrency(c.ReportingCurrency)) errors.Add("reportingCurrency", "An ISO 4217 currency code, such as EUR.");
        if (c.Stages is { } stages)
        {
            if (stages.Count is < 1 or > 12) errors.Add("stages", "From 1 to 12 stages.");
            for (var i = 0; i < stages.Count; i++)
            {
                var s = stages[i];
                if (s is null) { errors.Add($"stages[{i}]", "Required."); continue; }
                if (s.Key is null || s.Key.Length is < 1 or > 40 || !s.Key.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-'))
                    errors.Add($"stages[{i}].key", "1 to 40 lower-case letters, digits or hyphens.");
                errors.Require($"stages[{i}].name", s.Name, 100);
                if (s.Probability is not (>= 0 and <= 100)) errors.Add($"stages[{i}].probability", "A percentage from 0 to 100.");
            }
            if (stages.Where(s => s?.Key is not null).GroupBy(s => s.Key).Any(g => g.Count() > 1)) errors.Add("stages", "Each key once.");
        }
        if (c.CurrencyRates is { } rates)
            for (var i = 0; i < rates.Count; i++)
            {
                if (rates[i] is not { } r) { errors.Add($"currencyRates[{i}]", "Required."); continue; }
                if (!Money.IsCurrency(r.Currency)) errors.Add($"currencyRates[{i}].currency", "An ISO 4217 currency code.");
                if (r.Rate is not (> 0 and < 1_000_000)) errors.Add($"currencyRates[{i}].rate", "A positive number of reporting-currency units per unit.");
                else if (r.Rate * 1_000_000m != decimal.Truncate(r.Rate.Value * 1_000_000m)) errors.Add($"currencyRates[{i}].rate", "At most six decimals.");
            }
        if (errors.Any) return (errors, false);
        if (version != program.Version) return (null, true);

        program.ProtectionDays = c.ProtectionDays ?? program.ProtectionDays;
        program.ExtensionDays = c.ExtensionDays ?? program.ExtensionDays;
        program.ReminderDays = c.ReminderDays ?? program.ReminderDays;
        program.ConflictThreshold = c.ConflictThreshold ?? program.ConflictThreshold;
        program.ExtensionRule = extension ?? program.ExtensionRule;
        program.OwnDuplicates = own ?? program.OwnDuplicates;
        program.ReportingCurrency = c.ReportingCurrency ?? program.ReportingCurrency;
        if (c.Stages is { } newStages)
        {
            db.DealStages.RemoveRange(await db.DealStages.Where(s => s.ProgramId == program.Id).ToListAsync(ct));
            for (var i = 0; i < newStages.Count; i++)
                db.DealStages.Add(new DealStage { ProgramId = program.Id, Key = newStages[i].Key!, Name = newStages[i].Name!.Trim(), Position = i + 1, Probability = newStages[i].Probability!.Value });
        }
        if (c.CurrencyRates is { } newRates)
        {
            db.CurrencyRates.RemoveRange(await db.CurrencyRates.ToListAsync(ct));
            foreach (var r in newRates.GroupBy(r => r.Currency!).Select(g => g.Last()))
                db.CurrencyRates.Add(new CurrencyRate { Currency = r.Currency!, RateMicros = (long)(r.Rate!.Value * 1_000_000m) });
        }
        program.Version++;
        journal.Audit("program.dealRulesChanged", "program", program.Id, JsonSerializer.Serialize(c, JsonSerializerOptions.Web));
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, true);
        }
        return (null, false);
    }
}
