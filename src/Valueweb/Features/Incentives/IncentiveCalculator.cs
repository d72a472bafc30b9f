using System.Globalization;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Incentives;

/// <summary>A won deal as the incentive rules see it. <see cref="Splits"/> lists the partners who won it together (the owner alone when empty).</summary>
public sealed record WonDeal(
    Guid RegistrationId, Guid OwnerId, Guid? ReferrerId, long ValueMinor, string Currency, DateOnly ClosedOn, DateOnly? ApprovedOn,
    IReadOnlyList<Guid> ProductLineIds, IReadOnlyList<SplitShare> Splits);

public readonly record struct SplitShare(Guid PartnerId, int BasisPoints);

/// <summary>What the calculator asks of the world: tiers, exchange rates, and how much of a SPIFF's cap a partner has used.</summary>
public interface IIncentiveFacts
{
    /// <summary>The partner's tier id and name, if it has one.</summary>
    (Guid Id, string Name)? TierOf(Guid partnerId);

    /// <summary>Units of <paramref name="to"/> per unit of <paramref name="from"/> on <paramref name="day"/>, × 1,000,000; null when finance has no rate.</summary>
    long? Rate(string from, string to, DateOnly day);

    /// <summary>What the partner has earned from the rule so far (clawbacks deducted).</summary>
    long EarnedFromRule(Guid ruleId, Guid partnerId);
}

/// <summary>
/// Computes what each partner concerned earns from a won deal under the programs covering its close date, one line per
/// rule and partner, each with its explanation. Pure: no database, no clock. The caller records the lines (and, for caps,
/// tells the facts what was earned).
/// </summary>
public static class IncentiveCalculator
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The deal's lines under one program; a program that does not cover the close date, or lacks a rate, gives none.</summary>
    public static IEnumerable<Accrual> Accrue(WonDeal deal, IncentiveProgram program, IIncentiveFacts facts, Action<string>? skipped = null)
    {
        if (!program.Covers(deal.ClosedOn)) yield break;
        long rate = 1_000_000;
        if (deal.Currency != program.Currency)
        {
            if (facts.Rate(deal.Currency, program.Currency, deal.ClosedOn) is not { } r)
            {
                skipped?.Invoke($"No exchange rate from {deal.Currency} to {program.Currency} on {deal.ClosedOn:yyyy-MM-dd}.");
                yield break;
            }
            rate = r;
        }
        var baseConverted = Exact.Convert(deal.ValueMinor, deal.Currency, program.Currency, rate);
        var baseText = deal.Currency == program.Currency
            ? $"Deal value {Text(deal.ValueMinor, deal.Currency)}"
            : $"Deal value {Text(deal.ValueMinor, deal.Currency)} × {RateText(rate)} {program.Currency}/{deal.Currency} = {Text(baseConverted, program.Currency)}";
        var closers = deal.Splits.Count > 0 ? deal.Splits : [new SplitShare(deal.OwnerId, 10_000)];
        var weights = closers.Select(s => s.BasisPoints).ToArray();

        Accrual Line(IncentiveRule rule, Guid partner, int share, long amount, string explanation, long ratePpm = 0, int multiplier = 1000) => new()
        {
            PartnerId = partner,
            ProgramId = program.Id,
            RuleId = rule.Id,
            RegistrationId = deal.RegistrationId,
            Kind = AccrualKind.Earning,
            RuleKind = rule.Kind,
            RuleName = rule.Name,
            BaseMinor = deal.ValueMinor,
            BaseCurrency = deal.Currency,
            ExchangeRateMicros = rate,
            RatePpm = ratePpm,
            ShareBasisPoints = share,
            MultiplierPermille = multiplier,
            AmountMinor = amount,
            Currency = program.Currency,
            Explanation = explanation,
            EarnedOn = deal.ClosedOn,
            Period = Accrual.PeriodOf(deal.ClosedOn),
        };

        IncentiveRule? percentage = null;
        foreach (var rule in program.Rules)
            if (rule.Kind == IncentiveRuleKind.Percentage && Matches(rule, deal)
                && (percentage is null || rule.RatePpm > percentage.RatePpm || (rule.RatePpm == percentage.RatePpm && rule.Position < percentage.Position)))
                percentage = rule;
        if (percentage is not null)
        {
            var gross = Exact.MulDiv(baseConverted, percentage.RatePpm, 1_000_000);
            var parts = Exact.Allocate(gross, weights);
            for (var i = 0; i < closers.Count; i++)
            {
                var text = $"{baseText}; {PercentText(percentage.RatePpm)} = {Text(gross, program.Currency)}";
                if (closers.Count > 1) text += $"; split {PercentText(closers[i].BasisPoints * 100L)} = {Text(parts[i], program.Currency)}";
                var amount = parts[i];
                var multiplier = 1000;
                if (facts.TierOf(closers[i].PartnerId) is { } tier && program.Multipliers.FirstOrDefault(m => m.TierId == tier.Id) is { } m && m.Permille != 1000)
                {
                    multiplier = m.Permille;
                    amount = Exact.MulDiv(amount, multiplier, 1000);
                    text += $"; {tier.Name} tier × {(multiplier / 1000m).ToString("0.###", Invariant)} = {Text(amount, program.Currency)}";
                }
                if (amount != 0) yield return Line(percentage, closers[i].PartnerId, closers[i].BasisPoints, amount, text + ".", percentage.RatePpm, multiplier);
            }
        }

        foreach (var rule in program.Rules)
        {
            if (!Matches(rule, deal)) continue;
            switch (rule.Kind)
            {
                case IncentiveRuleKind.RegistrationBonus:
                    {
                        // Only a deal whose registration was approved by the time it closed was won as a registered deal.
                        if (deal.ApprovedOn is not { } day || day > deal.ClosedOn) break;
                        var parts = Exact.Allocate(rule.AmountMinor, weights);
                        var approved = $", approved {day:yyyy-MM-dd}";
                        for (var i = 0; i < closers.Count; i++)
                        {
                            var text = $"Bonus {Text(rule.AmountMinor, program.Currency)} for a registered deal{approved}, won {deal.ClosedOn:yyyy-MM-dd}";
                            if (closers.Count > 1) text += $"; split {PercentText(closers[i].BasisPoints * 100L)} = {Text(parts[i], program.Currency)}";
                            if (parts[i] != 0) yield return Line(rule, closers[i].PartnerId, closers[i].BasisPoints, parts[i], text + ".");
                        }
                        break;
                    }
                case IncentiveRuleKind.Spiff:
                    {
                        if (rule.WindowFrom is { } from && deal.ClosedOn < from || rule.WindowTo is { } to && deal.ClosedOn > to) break;
                        var parts = Exact.Allocate(rule.AmountMinor, weights);
                        for (var i = 0; i < closers.Count; i++)
                        {
                            var text = $"SPIFF {Text(rule.AmountMinor, program.Currency)} for a deal closed {deal.ClosedOn:yyyy-MM-dd} within {Window(rule)}";
                            if (closers.Count > 1) text += $"; split {PercentText(closers[i].BasisPoints * 100L)} = {Text(parts[i], program.Currency)}";
                            var amount = parts[i];
                            if (rule.CapMinor is { } cap)
                            {
                                var used = facts.EarnedFromRule(rule.Id, closers[i].PartnerId);
                                var room = Math.Max(0, cap - used);
                                if (amount > room)
                                {
                                    amount = room;
                                    text += $"; cap {Text(cap, program.Currency)} with {Text(used, program.Currency)} earned before leaves {Text(room, program.Currency)}";
                                }
                            }
                            if (amount != 0) yield return Line(rule, closers[i].PartnerId, closers[i].BasisPoints, amount, text + ".");
                        }
                        break;
                    }
                case IncentiveRuleKind.ReferralFee:
                    {
                        if (deal.ReferrerId is not { } referrer || closers.Any(c => c.PartnerId == referrer) || rule.AmountMinor == 0) break;
                        yield return Line(rule, referrer, 10_000, rule.AmountMinor,
                            $"Referral fee {Text(rule.AmountMinor, program.Currency)}: you referred the customer and another partner won the deal on {deal.ClosedOn:yyyy-MM-dd}.");
                        break;
                    }
            }
        }
    }

    /// <summary>The lines that give back exactly what each earning line gave, when the deal is reversed within the window.</summary>
    public static IEnumerable<Accrual> ClawBack(IEnumerable<Accrual> earnings, IncentiveProgram program, DateOnly closedOn, DateOnly reversedOn)
    {
        // A program without a clawback window (0 days) never claws back; otherwise the window runs to the close date plus its days.
        if (program.ClawbackDays <= 0 || reversedOn > closedOn.AddDays(program.ClawbackDays)) yield break;
        foreach (var line in earnings)
        {
            if (line.Kind != AccrualKind.Earning || line.ProgramId != program.Id) continue;
            yield return new Accrual
            {
                PartnerId = line.PartnerId,
                ProgramId = line.ProgramId,
                RuleId = line.RuleId,
                RegistrationId = line.RegistrationId,
                Kind = AccrualKind.Clawback,
                RuleKind = line.RuleKind,
                RuleName = line.RuleName,
                BaseMinor = line.BaseMinor,
                BaseCurrency = line.BaseCurrency,
                ExchangeRateMicros = line.ExchangeRateMicros,
                RatePpm = line.RatePpm,
                ShareBasisPoints = line.ShareBasisPoints,
                MultiplierPermille = line.MultiplierPermille,
                AmountMinor = -line.AmountMinor,
                Currency = line.Currency,
                Explanation = $"Clawback: the deal won {closedOn:yyyy-MM-dd} was reversed {reversedOn:yyyy-MM-dd}, within the program's {program.ClawbackDays}-day window; gives back {Text(line.AmountMinor, line.Currency)} earned from \"{line.RuleName}\".",
                EarnedOn = reversedOn,
                Period = Accrual.PeriodOf(reversedOn),
                ReversesId = line.Id,
            };
        }
    }

    private static bool Matches(IncentiveRule rule, WonDeal deal) =>
        rule.ProductLineId is not { } line || deal.ProductLineIds.Contains(line);

    private static string Window(IncentiveRule rule) =>
        (rule.WindowFrom, rule.WindowTo) switch
        {
            ({ } f, { } t) => $"{f:yyyy-MM-dd}–{t:yyyy-MM-dd}",
            ({ } f, null) => $"the window from {f:yyyy-MM-dd}",
            (null, { } t) => $"the window until {t:yyyy-MM-dd}",
            _ => "the program",
        };

    public static string Text(long minor, string currency) => new Money(minor, currency).ToString();

    public static string PercentText(long ppm) => (ppm / 10_000m).ToString("0.####", Invariant) + "%";

    public static string RateText(long micros) => (micros / 1_000_000m).ToString("0.000000", Invariant);
}
