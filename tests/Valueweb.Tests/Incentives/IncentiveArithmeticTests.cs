using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Valueweb.Features.Incentives;

namespace Valueweb.Tests.Incentives;

/// <summary>
/// Properties of the incentive arithmetic (500 cases each): <see cref="Exact"/> against BigInteger and decimal references,
/// and <see cref="IncentiveCalculator"/> over random programs, won deals and facts, checked against the rules restated
/// plainly. Pure: no database.
/// </summary>
public sealed class IncentiveArithmeticTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static void Holds<T>(Gen<T> cases, Action<T> property) => Check.One(Runs, Prop.ForAll(Arb.From(cases), property));

    // ---------------------------------------------------------------- references

    /// <summary>numerator / denominator rounded half to even, computed from the floor (not the truncation) of the quotient.</summary>
    private static BigInteger RoundHalfEven(BigInteger numerator, BigInteger denominator)
    {
        var floor = BigInteger.Divide(numerator, denominator);
        if (numerator % denominator != 0 && numerator.Sign < 0) floor -= 1;
        var twice = (numerator - floor * denominator) * 2;
        return twice > denominator || (twice == denominator && !floor.IsEven) ? floor + 1 : floor;
    }

    private static long? OrOverflow(Func<long> f)
    {
        try
        {
            return f();
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static long Pow10(int n) => n switch { 0 => 1, 2 => 100, 3 => 1000, _ => throw new ArgumentOutOfRangeException(nameof(n)) };

    private static string Text(long minor, string currency) => IncentiveCalculator.Text(minor, currency);

    // ---------------------------------------------------------------- Exact.MulDiv

    private static Gen<long> Numerator =>
        Gen.Frequency(
            (3, Gen.Choose(-1_000_000, 1_000_000).Select(x => (long)x)),
            (2, from m in IncentiveGenerators.Magnitude(40) from negative in Gen.Elements(true, false) select negative ? -m : m),
            (1, IncentiveGenerators.AnyLong));

    private static Gen<long> Denominator =>
        Gen.Frequency(
            (2, Gen.Elements(1L, 2L, 3L, 10L, 100L, 1000L, 1_000_000L, 100_000_000L, long.MaxValue)),
            (3, Gen.Choose(1, int.MaxValue).Select(x => (long)x)),
            (2, IncentiveGenerators.Magnitude().Select(m => Math.Max(1, m))));

    [Fact]
    public void MulDiv_is_the_exact_product_over_the_denominator_rounded_half_to_even_or_an_overflow() =>
        Holds(IncentiveGenerators.Triple(Gen.OneOf(IncentiveGenerators.Amount, Gen.Constant(long.MinValue)), Numerator, Denominator), x =>
        {
            var (value, numerator, denominator) = x;
            var expected = RoundHalfEven((BigInteger)value * numerator, denominator);
            if (expected < long.MinValue || expected > long.MaxValue)
            {
                Should.Throw<OverflowException>(() => Exact.MulDiv(value, numerator, denominator));
                return;
            }
            var actual = Exact.MulDiv(value, numerator, denominator);
            ((BigInteger)actual).ShouldBe(expected, $"MulDiv({value}, {numerator}, {denominator})");
            (BigInteger.Abs((BigInteger)actual * denominator - (BigInteger)value * numerator) * 2).ShouldBeLessThanOrEqualTo(denominator);
        });

    [Fact]
    public void MulDiv_agrees_with_decimal_rounding_to_even_for_money_sized_inputs() =>
        Holds(IncentiveGenerators.Triple(
            from m in IncentiveGenerators.Magnitude(40) from negative in Gen.Elements(true, false) select Math.Min(m, 1_000_000_000_000L) * (negative ? -1 : 1),
            Gen.Choose(-1_000_000_000, 1_000_000_000).Select(x => (long)x),
            Gen.Frequency((1, Gen.Elements(1L, 2L, 4L, 10L, 1000L, 1_000_000L)), (3, Gen.Choose(1, 1_000_000_000).Select(x => (long)x)))), x =>
        {
            var (value, numerator, denominator) = x;
            var expected = Math.Round((decimal)value * numerator / denominator, MidpointRounding.ToEven);
            if (expected is < long.MinValue or > long.MaxValue)
            {
                Should.Throw<OverflowException>(() => Exact.MulDiv(value, numerator, denominator));
                return;
            }
            ((decimal)Exact.MulDiv(value, numerator, denominator)).ShouldBe(expected, $"MulDiv({value}, {numerator}, {denominator})");
        });

    [Fact]
    public void MulDiv_rounds_an_exact_half_to_the_even_neighbour() =>
        Holds(IncentiveGenerators.Triple(Gen.Choose(1, 1_000_000_000), Gen.Choose(-1_000_000_000, 1_000_000_000), Gen.Choose(1, 1000)), x =>
        {
            // (m + ½) × d, over d: the true quotient lies exactly halfway between m and m + 1.
            var (k, m, numerator) = x;
            var denominator = 2L * k * numerator;
            var value = (long)m * 2 * k + k;
            var actual = Exact.MulDiv(value, numerator, denominator);
            actual.ShouldBeOneOf(m, m + 1L);
            long.IsEvenInteger(actual).ShouldBeTrue($"MulDiv({value}, {numerator}, {denominator}) = {actual}");
        });

    [Fact]
    public void MulDiv_is_symmetric_in_sign() =>
        Holds(IncentiveGenerators.Triple(IncentiveGenerators.Amount, Numerator.Where(n => n != long.MinValue), Denominator), x =>
        {
            var (value, numerator, denominator) = x;
            var positive = OrOverflow(() => Exact.MulDiv(value, numerator, denominator));
            OrOverflow(() => Exact.MulDiv(-value, numerator, denominator)).ShouldBe(-positive);
            OrOverflow(() => Exact.MulDiv(value, -numerator, denominator)).ShouldBe(-positive);
            OrOverflow(() => Exact.MulDiv(-value, -numerator, denominator)).ShouldBe(positive);
        });

    [Theory]
    [InlineData(5, 1, 2, 2)]
    [InlineData(7, 1, 2, 4)]
    [InlineData(-5, 1, 2, -2)]
    [InlineData(-7, 1, 2, -4)]
    [InlineData(1, 1, 2, 0)]
    [InlineData(-1, 1, 2, 0)]
    [InlineData(25, 1, 10, 2)]
    [InlineData(35, 1, 10, 4)]
    [InlineData(26, 1, 10, 3)]
    [InlineData(-26, 1, 10, -3)]
    [InlineData(2, 1, 3, 1)]
    [InlineData(12_345, 50_000, 1_000_000, 617)]
    [InlineData(long.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue)]
    [InlineData(long.MinValue, long.MaxValue, long.MaxValue, long.MinValue)]
    public void MulDiv_examples(long value, long numerator, long denominator, long expected) =>
        Exact.MulDiv(value, numerator, denominator).ShouldBe(expected);

    [Fact]
    public void MulDiv_refuses_a_denominator_that_is_not_positive()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Exact.MulDiv(1, 1, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => Exact.MulDiv(1, 1, -3));
    }

    // ---------------------------------------------------------------- Exact.Allocate

    [Fact]
    public void Allocated_parts_add_up_exactly_to_the_whole() =>
        Holds(IncentiveGenerators.Both(IncentiveGenerators.Amount, IncentiveGenerators.Weights), x =>
        {
            var (amount, weights) = x;
            var parts = Exact.Allocate(amount, weights);
            parts.Length.ShouldBe(weights.Length);
            parts.Aggregate(BigInteger.Zero, (sum, p) => sum + p).ShouldBe(amount, $"Allocate({amount}, [{string.Join(", ", weights)}]) = [{string.Join(", ", parts)}]");
        });

    [Fact]
    public void Each_allocated_part_is_less_than_one_minor_unit_from_its_exact_share() =>
        Holds(IncentiveGenerators.Both(IncentiveGenerators.Amount, IncentiveGenerators.Weights), x =>
        {
            var (amount, weights) = x;
            var parts = Exact.Allocate(amount, weights);
            var total = weights.Aggregate(BigInteger.Zero, (sum, w) => sum + w);
            for (var i = 0; i < parts.Length; i++)
            {
                // |part − amount × w / total| < 1, kept in integers: |part × total − amount × w| < total.
                var gap = BigInteger.Abs(parts[i] * total - (BigInteger)amount * weights[i]);
                gap.ShouldBeLessThan(total, $"part {i} of Allocate({amount}, [{string.Join(", ", weights)}]) = [{string.Join(", ", parts)}]");
                if (weights[i] == 0) parts[i].ShouldBe(0);
                (parts[i] == 0 || Math.Sign(parts[i]) == Math.Sign(amount)).ShouldBeTrue();
            }
        });

    [Fact]
    public void Equal_weights_give_parts_that_differ_by_at_most_one_the_larger_listed_first() =>
        Holds(IncentiveGenerators.Triple(IncentiveGenerators.Amount, Gen.Choose(1, 12), Gen.Frequency((3, Gen.Choose(1, 100)), (1, Gen.Choose(1, int.MaxValue)))), x =>
        {
            var (amount, n, weight) = x;
            var parts = Exact.Allocate(amount, Enumerable.Repeat(weight, n).ToArray());
            (parts.Max() - parts.Min()).ShouldBeLessThanOrEqualTo(1, $"Allocate({amount}, {n} × {weight}) = [{string.Join(", ", parts)}]");
            for (var i = 1; i < parts.Length; i++) Math.Abs(parts[i]).ShouldBeLessThanOrEqualTo(Math.Abs(parts[i - 1]), "ties go to the share listed first");
        });

    [Fact]
    public void Allocate_refuses_negative_weights_and_weights_that_are_all_zero()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Exact.Allocate(100, [1, -1, 5]));
        Should.Throw<ArgumentOutOfRangeException>(() => Exact.Allocate(100, [0, 0]));
        Should.Throw<ArgumentOutOfRangeException>(() => Exact.Allocate(100, []));
        Exact.Allocate(100, [1, 1, 1]).ShouldBe([34, 33, 33]);
        Exact.Allocate(-100, [1, 1, 1]).ShouldBe([-34, -33, -33]);
        Exact.Allocate(1, [7_500, 2_500]).ShouldBe([1, 0]);
        Exact.Allocate(3, [2_500, 7_500]).ShouldBe([1, 2]);
    }

    // ---------------------------------------------------------------- Exact.Convert

    private static Gen<string[]> SameDecimals => Gen.Elements(IncentiveGenerators.TwoDecimals, IncentiveGenerators.NoDecimals, IncentiveGenerators.ThreeDecimals);

    private static string[] AllCurrencies => [.. IncentiveGenerators.TwoDecimals, .. IncentiveGenerators.NoDecimals, .. IncentiveGenerators.ThreeDecimals];

    [Fact]
    public void Converting_at_a_rate_of_one_between_currencies_with_the_same_decimals_changes_nothing() =>
        Holds(from family in SameDecimals
              from source in Gen.Elements(family)
              from target in Gen.Elements(family)
              from minor in Gen.OneOf(IncentiveGenerators.AnyLong, IncentiveGenerators.Amount)
              select (minor, source, target), x =>
        {
            var (minor, from, to) = x;
            Exact.Convert(minor, from, to, 1_000_000).ShouldBe(minor, $"{minor} {from} -> {to}");
        });

    [Fact]
    public void Conversion_works_in_major_units_and_rounds_half_to_even_to_the_target_currencys_decimals() =>
        Holds(from source in Gen.Elements(AllCurrencies)
              from target in Gen.Elements(AllCurrencies)
              from minor in IncentiveGenerators.Magnitude(50).Select(m => Math.Min(m, 1_000_000_000_000_000L))
              from negative in Gen.Elements(false, false, false, true)
              from rate in Gen.Frequency(
                  (1, Gen.Elements(1L, 500_000L, 1_000_000L, 6_231L, 160_500_000L, 330_000L, 3_250_000L)),
                  (3, Gen.Choose(1, 2_000_000_000).Select(r => (long)r)))
              select (negative ? -minor : minor, source, target, rate), x =>
        {
            var (minor, from, to, rate) = x;
            var df = global::Valueweb.Platform.Api.Money.Decimals(from);
            var dt = global::Valueweb.Platform.Api.Money.Decimals(to);
            var major = (decimal)minor / Pow10(df);
            var expected = Math.Round(major * (rate / 1_000_000m) * Pow10(dt), MidpointRounding.ToEven);
            if (expected is < long.MinValue or > long.MaxValue)
            {
                Should.Throw<OverflowException>(() => Exact.Convert(minor, from, to, rate));
                return;
            }
            ((decimal)Exact.Convert(minor, from, to, rate)).ShouldBe(expected, $"{minor} minor {from} at {rate} micros {to}/{from}");
        });

    [Theory]
    [InlineData(12_345, "EUR", "JPY", 160_500_000, 19_814)] // 123.45 EUR × 160.5 = 19,813.725 JPY
    [InlineData(19_814, "JPY", "EUR", 6_231, 12_346)] // 19,814 JPY × 0.006231 = 123.461 EUR
    [InlineData(1, "EUR", "JPY", 150_000_000, 2)] // 0.01 EUR × 150 = 1.5 JPY, to even
    [InlineData(1, "KWD", "JPY", 500_000_000, 0)] // 0.001 KWD × 500 = 0.5 JPY, to even
    [InlineData(3, "KWD", "JPY", 500_000_000, 2)] // 1.5 JPY
    [InlineData(5, "KWD", "JPY", 500_000_000, 2)] // 2.5 JPY
    [InlineData(10_000, "EUR", "KWD", 330_000, 33_000)] // 100 EUR × 0.33 = 33.000 KWD
    [InlineData(1_000, "JPY", "KWD", 2_000, 2_000)] // 1,000 JPY × 0.002 = 2.000 KWD
    [InlineData(100, "JPY", "JPY", 1_000_000, 100)]
    public void Convert_examples(long minor, string from, string to, long rateMicros, long expected) =>
        Exact.Convert(minor, from, to, rateMicros).ShouldBe(expected);

    // ---------------------------------------------------------------- IncentiveCalculator.Accrue: the rules restated

    private static List<Accrual> Accrue(IncentiveScenario s, List<string>? skipped = null) =>
        [.. IncentiveCalculator.Accrue(s.Deal, s.Program, s.Facts, m => skipped?.Add(m))];

    private static bool Matches(IncentiveRule rule, WonDeal deal) => rule.ProductLineId is null || deal.ProductLineIds.Contains(rule.ProductLineId.Value);

    private static bool InWindow(IncentiveRule rule, DateOnly day) =>
        (rule.WindowFrom is null || day >= rule.WindowFrom) && (rule.WindowTo is null || day <= rule.WindowTo);

    private static bool Covers(IncentiveProgram p, DateOnly day) => p.Active && p.ValidFrom <= day && (p.ValidTo is null || day <= p.ValidTo);

    /// <summary>The deal's value in the program's currency, or null when the deal earns nothing (not covered, or no rate).</summary>
    private static long? Base(IncentiveScenario s)
    {
        if (!Covers(s.Program, s.Deal.ClosedOn)) return null;
        if (s.Deal.Currency == s.Program.Currency) return s.Deal.ValueMinor;
        return s.Facts.Rates.TryGetValue((s.Deal.Currency, s.Program.Currency), out var rate)
            ? Exact.Convert(s.Deal.ValueMinor, s.Deal.Currency, s.Program.Currency, rate)
            : null;
    }

    /// <summary>The one percentage rule that applies: the highest rate among those matching the deal, the earliest position on a tie.</summary>
    private static IncentiveRule? Best(IncentiveScenario s) =>
        s.Program.Rules.Where(r => r.Kind == IncentiveRuleKind.Percentage && Matches(r, s.Deal)).OrderByDescending(r => r.RatePpm).ThenBy(r => r.Position).FirstOrDefault();

    private static int[] Weights(IncentiveScenario s) => [.. s.Closers.Select(c => c.BasisPoints)];

    private static int Multiplier(IncentiveScenario s, Guid partner) =>
        s.Facts.TierOf(partner) is { } tier && s.Program.Multipliers.FirstOrDefault(m => m.TierId == tier.Id) is { } m ? m.Permille : 1000;

    [Fact]
    public void Every_line_has_an_explanation_stating_its_amount_a_rule_name_and_the_rule_id() =>
        Holds(IncentiveGenerators.Scenario(), s =>
        {
            foreach (var line in Accrue(s))
            {
                var rule = s.Program.Rules.SingleOrDefault(r => r.Id == line.RuleId);
                rule.ShouldNotBeNull($"line {line.RuleName} names rule {line.RuleId}, which is not the program's");
                line.RuleName.ShouldBe(rule.Name);
                line.RuleName.ShouldNotBeNullOrWhiteSpace();
                line.RuleKind.ShouldBe(rule.Kind);
                line.Kind.ShouldBe(AccrualKind.Earning);
                line.ProgramId.ShouldBe(s.Program.Id);
                line.RegistrationId.ShouldBe(s.Deal.RegistrationId);
                line.Currency.ShouldBe(s.Program.Currency);
                line.BaseMinor.ShouldBe(s.Deal.ValueMinor);
                line.BaseCurrency.ShouldBe(s.Deal.Currency);
                line.EarnedOn.ShouldBe(s.Deal.ClosedOn);
                line.Period.ShouldBe($"{s.Deal.ClosedOn.Year:D4}-{s.Deal.ClosedOn.Month:D2}");
                line.AmountMinor.ShouldNotBe(0);
                line.Explanation.ShouldNotBeNullOrWhiteSpace();
                var amount = Text(line.AmountMinor, s.Program.Currency);
                switch (rule.Kind)
                {
                    case IncentiveRuleKind.Percentage:
                        line.Explanation.ShouldStartWith("Deal value " + Text(s.Deal.ValueMinor, s.Deal.Currency));
                        line.Explanation.ShouldContain("; " + IncentiveCalculator.PercentText(rule.RatePpm) + " = ");
                        line.Explanation.ShouldEndWith(amount + ".", customMessage: s.ToString());
                        break;
                    case IncentiveRuleKind.ReferralFee:
                        line.Explanation.ShouldContain(Text(rule.AmountMinor, s.Program.Currency));
                        break;
                    default:
                        line.Explanation.ShouldContain(amount, customMessage: s.ToString());
                        break;
                }
            }
        });

    [Fact]
    public void Percentage_lines_of_a_split_deal_add_up_exactly_to_the_gross_when_no_tier_multiplies() =>
        Holds(IncentiveGenerators.Scenario(unitMultipliers: true), s =>
        {
            var lines = Accrue(s).Where(l => l.RuleKind == IncentiveRuleKind.Percentage).ToList();
            if (Base(s) is not { } converted || Best(s) is not { } rule)
            {
                lines.ShouldBeEmpty(s.ToString());
                return;
            }
            var gross = Exact.MulDiv(converted, rule.RatePpm, 1_000_000);
            lines.Sum(l => l.AmountMinor).ShouldBe(gross, s.ToString());
            lines.ShouldAllBe(l => l.MultiplierPermille == 1000 && l.RatePpm == rule.RatePpm && l.ExchangeRateMicros > 0);
            if (s.Closers.Count > 1)
                foreach (var line in lines)
                    line.Explanation.ShouldContain($"= {Text(gross, s.Program.Currency)}; split ", customMessage: s.ToString());
        });

    [Fact]
    public void Only_the_highest_rate_matching_percentage_rule_applies_once_per_closer_times_its_tier_multiplier() =>
        Holds(IncentiveGenerators.Scenario(), s =>
        {
            var actual = Accrue(s).Where(l => l.RuleKind == IncentiveRuleKind.Percentage)
                .Select(l => (l.RuleId, l.PartnerId, l.ShareBasisPoints, l.RatePpm, l.MultiplierPermille, l.AmountMinor)).ToList();
            var expected = new List<(Guid?, Guid, int, long, int, long)>();
            if (Base(s) is { } converted && Best(s) is { } rule)
            {
                var parts = Exact.Allocate(Exact.MulDiv(converted, rule.RatePpm, 1_000_000), Weights(s));
                for (var i = 0; i < s.Closers.Count; i++)
                {
                    var multiplier = Multiplier(s, s.Closers[i].PartnerId);
                    var amount = Exact.MulDiv(parts[i], multiplier, 1000);
                    if (amount != 0) expected.Add((rule.Id, s.Closers[i].PartnerId, s.Closers[i].BasisPoints, rule.RatePpm, multiplier, amount));
                }
            }
            actual.ShouldBe(expected, s.ToString());
            actual.Select(l => l.PartnerId).ShouldBeUnique();
        });

    [Fact]
    public void Flat_lines_of_a_split_add_up_to_the_rule_amount_unless_a_cap_cuts_them() =>
        Holds(IncentiveGenerators.Scenario(), s =>
        {
            var lines = Accrue(s);
            var priced = Base(s) is not null;
            foreach (var rule in s.Program.Rules.Where(r => r.Kind is IncentiveRuleKind.RegistrationBonus or IncentiveRuleKind.Spiff))
            {
                var mine = lines.Where(l => l.RuleId == rule.Id).ToList();
                var applies = priced && Matches(rule, s.Deal) && (rule.Kind != IncentiveRuleKind.Spiff || InWindow(rule, s.Deal.ClosedOn))
                    && (rule.Kind != IncentiveRuleKind.RegistrationBonus || s.Deal.ApprovedOn is { } approved && approved <= s.Deal.ClosedOn);
                if (!applies)
                {
                    mine.ShouldBeEmpty(s.ToString());
                    continue;
                }
                var parts = Exact.Allocate(rule.AmountMinor, Weights(s));
                for (var i = 0; i < s.Closers.Count; i++)
                {
                    var closer = s.Closers[i];
                    var line = mine.SingleOrDefault(l => l.PartnerId == closer.PartnerId);
                    if (line is not null) line.ShareBasisPoints.ShouldBe(closer.BasisPoints);
                    var room = rule.CapMinor is { } cap ? Math.Max(0, cap - s.Facts.EarnedFromRule(rule.Id, closer.PartnerId)) : long.MaxValue;
                    (line?.AmountMinor ?? 0).ShouldBe(Math.Min(parts[i], room), s.ToString());
                }
                mine.Select(l => l.PartnerId).ShouldBeSubsetOf(s.Closers.Select(c => c.PartnerId));
                var capped = rule.CapMinor is { } c && s.Closers.Where((closer, i) => parts[i] > Math.Max(0, c - s.Facts.EarnedFromRule(rule.Id, closer.PartnerId))).Any();
                if (!capped) mine.Sum(l => l.AmountMinor).ShouldBe(rule.AmountMinor, s.ToString());
                else mine.Sum(l => l.AmountMinor).ShouldBeLessThan(rule.AmountMinor);
            }
        });

    [Fact]
    public void A_spiff_never_takes_a_partner_past_its_cap() =>
        Holds(IncentiveGenerators.Scenario(), s =>
        {
            foreach (var line in Accrue(s).Where(l => l.RuleKind == IncentiveRuleKind.Spiff))
            {
                var rule = s.Program.Rules.Single(r => r.Id == line.RuleId);
                if (rule.CapMinor is not { } cap) continue;
                var used = s.Facts.EarnedFromRule(rule.Id, line.PartnerId);
                line.AmountMinor.ShouldBePositive();
                (used + line.AmountMinor).ShouldBeLessThanOrEqualTo(cap, s.ToString());
                var share = Exact.Allocate(rule.AmountMinor, Weights(s))[s.Closers.Select(c => c.PartnerId).ToList().IndexOf(line.PartnerId)];
                if (line.AmountMinor < share)
                    line.Explanation.ShouldEndWith($"cap {Text(cap, s.Program.Currency)} with {Text(used, s.Program.Currency)} earned before leaves {Text(line.AmountMinor, s.Program.Currency)}.");
            }
        });

    private static Gen<IncentiveScenario> ClosedOutsideValidity =>
        from s in IncentiveGenerators.Scenario()
        from how in Gen.Choose(0, 2)
        from days in Gen.Choose(1, 400)
        select Outside(s, how, days);

    private static IncentiveScenario Outside(IncentiveScenario s, int how, int days)
    {
        if (how == 0) return s with { Deal = s.Deal with { ClosedOn = s.Program.ValidFrom.AddDays(-days) } };
        if (how == 1)
        {
            s.Program.ValidTo ??= s.Program.ValidFrom.AddDays(days % 30);
            return s with { Deal = s.Deal with { ClosedOn = s.Program.ValidTo.Value.AddDays(days) } };
        }
        s.Program.Active = false;
        return s;
    }

    [Fact]
    public void No_line_for_a_deal_closed_outside_the_programs_validity_or_under_an_inactive_program()
    {
        Holds(ClosedOutsideValidity, s =>
        {
            var skipped = new List<string>();
            Accrue(s, skipped).ShouldBeEmpty(s.ToString());
            skipped.ShouldBeEmpty();
        });
        Holds(IncentiveGenerators.Scenario(), s =>
        {
            if (Accrue(s).Count > 0) Covers(s.Program, s.Deal.ClosedOn).ShouldBeTrue(s.ToString());
        });
    }

    [Fact]
    public void A_deal_in_another_currency_without_an_exchange_rate_earns_nothing_and_says_why() =>
        Holds(from s in IncentiveGenerators.Scenario() from other in Gen.Elements(IncentiveGenerators.Currencies.Where(c => c != s.Program.Currency).ToArray()) select (s, other), x =>
        {
            var (s, other) = x;
            s.Program.Active = true;
            s.Facts.Rates.Clear();
            var deal = s.Deal with { Currency = other, ClosedOn = s.Program.ValidFrom };
            var skipped = new List<string>();
            IncentiveCalculator.Accrue(deal, s.Program, s.Facts, skipped.Add).ShouldBeEmpty();
            skipped.ShouldHaveSingleItem().ShouldBe($"No exchange rate from {other} to {s.Program.Currency} on {deal.ClosedOn:yyyy-MM-dd}.");
        });

    [Fact]
    public void The_referral_fee_goes_only_to_a_referrer_who_is_not_among_the_closers() =>
        Holds(IncentiveGenerators.Scenario(), s =>
        {
            var lines = Accrue(s);
            var closers = s.Closers.Select(c => c.PartnerId).ToHashSet();
            foreach (var rule in s.Program.Rules.Where(r => r.Kind == IncentiveRuleKind.ReferralFee))
            {
                var fees = lines.Where(l => l.RuleId == rule.Id).ToList();
                var due = Base(s) is not null && s.Deal.ReferrerId is { } referrer && !closers.Contains(referrer) && Matches(rule, s.Deal) && rule.AmountMinor != 0;
                if (!due)
                {
                    fees.ShouldBeEmpty(s.ToString());
                    continue;
                }
                var fee = fees.ShouldHaveSingleItem(s.ToString());
                fee.PartnerId.ShouldBe(s.Deal.ReferrerId!.Value);
                fee.AmountMinor.ShouldBe(rule.AmountMinor);
                fee.ShareBasisPoints.ShouldBe(10_000);
            }
            foreach (var line in lines.Where(l => l.RuleKind != IncentiveRuleKind.ReferralFee))
                closers.ShouldContain(line.PartnerId, s.ToString());
        });

    // ---------------------------------------------------------------- IncentiveCalculator.ClawBack

    /// <summary>What a deal earned under the program, padded with made-up earning lines, and lines ClawBack must leave alone.</summary>
    private static Gen<(IncentiveScenario Scenario, List<Accrual> Lines)> Earned =>
        from s in IncentiveGenerators.Scenario()
        from extra in Gen.ListOf(IncentiveGenerators.Triple(Gen.Elements(IncentiveGenerators.Partners), Gen.Choose(-1_000_000, 1_000_000).Where(a => a != 0), Gen.Choose(0, 9)), 3)
        from noise in Gen.Elements(true, false)
        select (s, Lines(s, extra, noise));

    private static List<Accrual> Lines(IncentiveScenario s, IEnumerable<(Guid Partner, int Amount, int Rule)> extra, bool noise)
    {
        var lines = Accrue(s);
        foreach (var (partner, amount, r) in extra)
        {
            var rule = r < s.Program.Rules.Count ? s.Program.Rules[r] : null;
            lines.Add(new Accrual
            {
                PartnerId = partner,
                ProgramId = s.Program.Id,
                RuleId = rule?.Id,
                RegistrationId = s.Deal.RegistrationId,
                Kind = AccrualKind.Earning,
                RuleKind = rule?.Kind,
                RuleName = rule?.Name ?? "Adjusted by hand",
                AmountMinor = amount,
                Currency = s.Program.Currency,
                EarnedOn = s.Deal.ClosedOn,
            });
        }
        if (noise)
        {
            lines.Insert(0, new Accrual { PartnerId = s.Deal.OwnerId, ProgramId = Guid.NewGuid(), Kind = AccrualKind.Earning, RuleName = "Another program's rule", AmountMinor = 999, Currency = "EUR" });
            lines.Add(new Accrual { PartnerId = s.Deal.OwnerId, ProgramId = s.Program.Id, Kind = AccrualKind.Clawback, RuleName = "Earlier clawback", AmountMinor = -5, Currency = s.Program.Currency });
            lines.Add(new Accrual { PartnerId = s.Deal.OwnerId, ProgramId = s.Program.Id, Kind = AccrualKind.Adjustment, RuleName = "Adjustment", AmountMinor = 77, Currency = s.Program.Currency });
        }
        return lines;
    }

    [Fact]
    public void Within_the_window_the_clawback_lines_give_back_exactly_what_each_earning_line_gave() =>
        Holds(from e in Earned
              from days in Gen.Frequency((1, Gen.Constant(1)), (4, Gen.Choose(1, 3650)))
              from offset in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Constant(days)), (3, Gen.Choose(0, days)))
              select (e.Scenario, e.Lines, days, offset), x =>
        {
            var (s, lines, days, offset) = x;
            s.Program.ClawbackDays = days;
            var closed = s.Deal.ClosedOn;
            var reversed = closed.AddDays(offset);
            var earnings = lines.Where(l => l.Kind == AccrualKind.Earning && l.ProgramId == s.Program.Id).ToList();
            var clawbacks = IncentiveCalculator.ClawBack(lines, s.Program, closed, reversed).ToList();
            clawbacks.Count.ShouldBe(earnings.Count, s.ToString());
            clawbacks.Sum(c => c.AmountMinor).ShouldBe(-earnings.Sum(e => e.AmountMinor));
            for (var i = 0; i < earnings.Count; i++)
            {
                var (earning, clawback) = (earnings[i], clawbacks[i]);
                clawback.ReversesId.ShouldBe(earning.Id);
                clawback.Kind.ShouldBe(AccrualKind.Clawback);
                clawback.AmountMinor.ShouldBe(-earning.AmountMinor);
                clawback.PartnerId.ShouldBe(earning.PartnerId);
                clawback.ProgramId.ShouldBe(earning.ProgramId);
                clawback.RuleId.ShouldBe(earning.RuleId);
                clawback.RuleName.ShouldBe(earning.RuleName);
                clawback.Currency.ShouldBe(earning.Currency);
                clawback.EarnedOn.ShouldBe(reversed);
                clawback.Period.ShouldBe($"{reversed.Year:D4}-{reversed.Month:D2}");
                clawback.Explanation.ShouldNotBeNullOrWhiteSpace();
                clawback.Explanation.ShouldContain($"gives back {Text(earning.AmountMinor, earning.Currency)} earned from \"{earning.RuleName}\"");
            }
            clawbacks.Select(c => c.ReversesId).ShouldBeUnique();
            clawbacks.Select(c => c.Id).ShouldBeUnique();
        });

    [Fact]
    public void After_the_window_nothing_is_clawed_back() =>
        Holds(from e in Earned
              from days in Gen.Choose(0, 3650)
              from late in Gen.Frequency((1, Gen.Constant(1)), (3, Gen.Choose(1, 400)))
              select (e.Scenario, e.Lines, days, late), x =>
        {
            var (s, lines, days, late) = x;
            s.Program.ClawbackDays = days;
            IncentiveCalculator.ClawBack(lines, s.Program, s.Deal.ClosedOn, s.Deal.ClosedOn.AddDays(days + late)).ShouldBeEmpty();
        });

    /// <summary>
    /// The program editor asks for "0 for no clawback" (<see cref="ProgramEditing"/>): a program with 0 clawback days
    /// gives nothing back, whenever the deal is reversed — including on the day it was won.
    /// </summary>
    [Fact]
    public void A_program_with_no_clawback_days_claws_nothing_back_even_for_a_reversal_on_the_day_of_the_win() =>
        Holds(from e in Earned from offset in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 400))) select (e.Scenario, e.Lines, offset), x =>
        {
            var (s, lines, offset) = x;
            s.Program.ClawbackDays = 0;
            var reversed = s.Deal.ClosedOn.AddDays(offset);
            IncentiveCalculator.ClawBack(lines, s.Program, s.Deal.ClosedOn, reversed).ShouldBeEmpty(
                $"closed {s.Deal.ClosedOn:yyyy-MM-dd}, reversed {reversed:yyyy-MM-dd}, clawback days 0");
        });
}
