using FsCheck;
using FsCheck.Fluent;
using Valueweb.Features.Incentives;

namespace Valueweb.Tests.Incentives;

/// <summary>The world as the calculator asks about it, held in dictionaries: tiers by partner, rates by pair, SPIFF use by rule and partner.</summary>
public sealed class FactsStub : IIncentiveFacts
{
    public Dictionary<Guid, (Guid Id, string Name)> Tiers { get; } = [];
    public Dictionary<(string From, string To), long> Rates { get; } = [];
    public Dictionary<(Guid Rule, Guid Partner), long> Earned { get; } = [];

    public (Guid Id, string Name)? TierOf(Guid partnerId) => Tiers.TryGetValue(partnerId, out var t) ? t : null;

    public long? Rate(string from, string to, DateOnly day) => Rates.TryGetValue((from, to), out var r) ? r : null;

    public long EarnedFromRule(Guid ruleId, Guid partnerId) => Earned.GetValueOrDefault((ruleId, partnerId));

    public override string ToString() =>
        $"tiers [{string.Join(", ", Tiers.Select(t => $"{IncentiveGenerators.Short(t.Key)}:{t.Value.Name}"))}] "
        + $"rates [{string.Join(", ", Rates.Select(r => $"{r.Key.From}->{r.Key.To}:{r.Value}"))}] "
        + $"earned [{string.Join(", ", Earned.Select(e => $"{IncentiveGenerators.Short(e.Key.Rule)}/{IncentiveGenerators.Short(e.Key.Partner)}:{e.Value}"))}]";
}

/// <summary>A program, a won deal and the facts around it.</summary>
public sealed record IncentiveScenario(IncentiveProgram Program, WonDeal Deal, FactsStub Facts)
{
    /// <summary>The partners who closed the deal with their shares: the splits, or the owner alone.</summary>
    public IReadOnlyList<SplitShare> Closers => Deal.Splits.Count > 0 ? Deal.Splits : [new SplitShare(Deal.OwnerId, 10_000)];

    public override string ToString()
    {
        var p = Program;
        var d = Deal;
        return $"program {Short(p.Id)} {p.Currency} {p.ValidFrom:yyyy-MM-dd}..{p.ValidTo:yyyy-MM-dd} active {p.Active} clawback {p.ClawbackDays}d\n"
            + string.Join("\n", p.Rules.Select(r => $"  rule {Short(r.Id)} #{r.Position} {r.Kind} '{r.Name}' line {(r.ProductLineId is { } l ? Short(l) : "-")} "
                + $"rate {r.RatePpm} amount {r.AmountMinor} window {r.WindowFrom:yyyy-MM-dd}..{r.WindowTo:yyyy-MM-dd} cap {r.CapMinor}"))
            + $"\n  multipliers [{string.Join(", ", p.Multipliers.Select(m => $"{Short(m.TierId)}:{m.Permille}"))}]"
            + $"\ndeal {d.ValueMinor} {d.Currency} closed {d.ClosedOn:yyyy-MM-dd} approved {d.ApprovedOn:yyyy-MM-dd} owner {Short(d.OwnerId)} "
            + $"referrer {(d.ReferrerId is { } r ? Short(r) : "-")} lines [{string.Join(",", d.ProductLineIds.Select(Short))}] "
            + $"splits [{string.Join(", ", d.Splits.Select(s => $"{Short(s.PartnerId)}:{s.BasisPoints}"))}]\n{Facts}";
    }

    private static string Short(Guid g) => IncentiveGenerators.Short(g);
}

/// <summary>FsCheck generators for the incentive arithmetic, drawn from a small universe so that partners, lines and rates collide often.</summary>
public static class IncentiveGenerators
{
    public static readonly DateOnly Epoch = new(2026, 1, 1);
    public static readonly string[] TwoDecimals = ["EUR", "USD", "GBP", "CHF"];
    public static readonly string[] NoDecimals = ["JPY", "KRW", "ISK"];
    public static readonly string[] ThreeDecimals = ["KWD", "BHD", "OMR"];
    public static readonly string[] Currencies = ["EUR", "EUR", "USD", "GBP", "JPY", "KWD"];
    public static readonly Guid[] Partners = [.. Enumerable.Range(1, 6).Select(i => new Guid(i, 1, 0, new byte[8]))];
    public static readonly Guid[] Lines = [.. Enumerable.Range(1, 3).Select(i => new Guid(i, 2, 0, new byte[8]))];

    /// <summary>Three tiers the programs may multiply; the fourth is never given a multiplier.</summary>
    public static readonly (Guid Id, string Name)[] Tiers =
        [(new Guid(1, 3, 0, new byte[8]), "Silver"), (new Guid(2, 3, 0, new byte[8]), "Gold"), (new Guid(3, 3, 0, new byte[8]), "Platinum"), (new Guid(4, 3, 0, new byte[8]), "Registered")];

    public static string Short(Guid g) => g.ToString()[..8];

    public static Gen<(TA, TB)> Both<TA, TB>(Gen<TA> a, Gen<TB> b) => from x in a from y in b select (x, y);

    public static Gen<(TA, TB, TC)> Triple<TA, TB, TC>(Gen<TA> a, Gen<TB> b, Gen<TC> c) => from x in a from y in b from z in c select (x, y, z);

    public static Gen<Guid> Id =>
        from a in Gen.Choose(int.MinValue, int.MaxValue)
        from b in Gen.Choose(0, ushort.MaxValue)
        from c in Gen.Choose(int.MinValue, int.MaxValue)
        select new Guid(a, (short)b, 0x7000, BitConverter.GetBytes((long)c * 7919));

    /// <summary>Any long, uniformly over its 64 bits.</summary>
    public static Gen<long> AnyLong =>
        from hi in Gen.Choose(int.MinValue, int.MaxValue)
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        select ((long)hi << 32) | (uint)lo;

    /// <summary>A non-negative long below 2^bits for a random number of bits: small and huge magnitudes alike.</summary>
    public static Gen<long> Magnitude(int maxBits = 63) =>
        from bits in Gen.Choose(0, maxBits)
        from x in AnyLong
        select bits == 0 ? 0 : (long)((ulong)x >> (64 - bits));

    /// <summary>Any long but <see cref="long.MinValue"/> (whose negation is not a long), with edges and small values often.</summary>
    public static Gen<long> Amount =>
        Gen.Frequency(
            (1, Gen.Elements(0L, 1L, -1L, 2L, -2L, long.MaxValue, -long.MaxValue, 99L, -101L)),
            (2, Gen.Choose(-1000, 1000).Select(x => (long)x)),
            (6, from m in Magnitude() from negative in Gen.Elements(true, false) select negative ? -m : m));

    /// <summary>Non-negative weights with a positive sum, 1 to 12 of them, some zero, some as large as an int goes.</summary>
    public static Gen<int[]> Weights =>
        (from n in Gen.Choose(1, 12)
         from w in Gen.ArrayOf(Gen.Frequency(
             (2, Gen.Constant(0)),
             (6, Gen.Choose(1, 10)),
             (3, Gen.Choose(1, 10_000)),
             (1, Gen.Choose(1, int.MaxValue)),
             (1, Gen.Constant(int.MaxValue))), n)
         select w).Where(w => w.Any(x => x > 0));

    private static Gen<T?> OrNone<T>(Gen<T> gen, int noneWeight, int someWeight) where T : struct =>
        Gen.Frequency((noneWeight, Gen.Constant<T?>(null)), (someWeight, gen.Select(x => (T?)x)));

    /// <summary>A rule of any kind; rates and amounts are often equal between rules, so that ties happen.</summary>
    public static Gen<IncentiveRule> Rule(DateOnly validFrom) =>
        from id in Id
        from kind in Gen.Elements(IncentiveRuleKind.Percentage, IncentiveRuleKind.Percentage, IncentiveRuleKind.ReferralFee, IncentiveRuleKind.Spiff,
            IncentiveRuleKind.Spiff, IncentiveRuleKind.RegistrationBonus)
        from line in Gen.Choose(-3, Lines.Length - 1)
        from rate in Gen.Frequency(
            (3, Gen.Elements(10_000L, 25_000L, 50_000L, 50_000L, 100_000L, 1_000_000L)),
            (2, Gen.Choose(1, 1_000_000).Select(x => (long)x)))
        from amount in Gen.Frequency(
            (2, Gen.Elements(1L, 2L, 3L, 7L, 100L, 5_000L, 50_000L)),
            (3, Gen.Choose(1, 10_000_000).Select(x => (long)x)))
        from windowFrom in OrNone(Gen.Choose(-30, 200).Select(d => validFrom.AddDays(d)), 1, 2)
        from windowLength in Gen.Choose(0, 90)
        from windowTo in OrNone(Gen.Constant((windowFrom ?? validFrom).AddDays(windowLength)), 1, 2)
        from cap in Gen.Elements<long?>(null, null, 0, 1, amount / 2, amount, amount * 2, amount * 3 + 1, amount * 10)
        select new IncentiveRule
        {
            Id = id,
            Kind = kind,
            Name = $"{kind} {Short(id)}",
            ProductLineId = line < 0 ? null : Lines[line],
            RatePpm = kind == IncentiveRuleKind.Percentage ? rate : 0,
            AmountMinor = kind == IncentiveRuleKind.Percentage ? 0 : amount,
            WindowFrom = kind == IncentiveRuleKind.Spiff ? windowFrom : null,
            WindowTo = kind == IncentiveRuleKind.Spiff ? windowTo : null,
            CapMinor = kind == IncentiveRuleKind.Spiff ? cap : null,
        };

    /// <summary>A program of up to 8 rules listed in any order (positions are their order of creation) and tier multipliers.</summary>
    public static Gen<IncentiveProgram> Program(bool unitMultipliers) =>
        from id in Id
        from currency in Gen.Elements(Currencies)
        from start in Gen.Choose(0, 200)
        from length in Gen.Choose(-1, 150)
        from clawbackDays in Gen.Choose(0, 120)
        from active in Gen.Elements(true, true, true, true, true, true, true, true, true, false)
        from n in Gen.Choose(0, 8)
        from rules in Gen.ListOf(Rule(Epoch.AddDays(start)), n)
        from order in Gen.Shuffle(Enumerable.Range(0, n))
        from permille in Gen.ArrayOf(Gen.Elements(1000, 1000, 1250, 1500, 750, 2000, 10_000, 1, 333), 3)
        from present in Gen.ArrayOf(Gen.Elements(true, true, false), 3)
        select new IncentiveProgram
        {
            Id = id,
            Name = "Program " + Short(id),
            Currency = currency,
            ValidFrom = Epoch.AddDays(start),
            ValidTo = length < 0 ? null : Epoch.AddDays(start + length),
            ClawbackDays = clawbackDays,
            Active = active,
            Rules = [.. order.Select(i => Positioned(rules[i], i, id))],
            Multipliers = [.. Enumerable.Range(0, 3).Where(i => present[i])
                .Select(i => new TierMultiplier { ProgramId = id, TierId = Tiers[i].Id, Permille = unitMultipliers ? 1000 : permille[i] })],
        };

    private static IncentiveRule Positioned(IncentiveRule rule, int position, Guid program)
    {
        rule.Position = position;
        rule.ProgramId = program;
        return rule;
    }

    /// <summary>The owner alone (no splits), or the owner and up to 4 others with shares in basis points adding up to 10,000.</summary>
    public static Gen<IReadOnlyList<SplitShare>> Splits(Guid owner) =>
        Gen.Frequency(
            (4, Gen.Constant<IReadOnlyList<SplitShare>>([])),
            (1, Gen.Elements(Partners.Where(p => p != owner).ToArray())
                .Select(other => (IReadOnlyList<SplitShare>)[new SplitShare(owner, 5_000), new SplitShare(other, 5_000)])),
            (1, Gen.Shuffle(Partners.Where(p => p != owner))
                .Select(o => (IReadOnlyList<SplitShare>)[new SplitShare(owner, 3_334), new SplitShare(o[0], 3_333), new SplitShare(o[1], 3_333)])),
            (5, from k in Gen.Choose(2, 5)
                from others in Gen.Shuffle(Partners.Where(p => p != owner))
                from cuts in Gen.ListOf(Gen.Choose(1, 9_999), k - 1)
                let bounds = cuts.Distinct().Order().Prepend(0).Append(10_000).ToArray()
                select (IReadOnlyList<SplitShare>)[.. Enumerable.Range(0, bounds.Length - 1)
                    .Select(i => new SplitShare(i == 0 ? owner : others[i - 1], bounds[i + 1] - bounds[i]))]));

    /// <summary>
    /// A won deal for the program: mostly closed inside its validity, in its currency or another; values up to 10^11 minor
    /// units so that a conversion at any generated rate times a tier multiplier of 10 still fits a long.
    /// </summary>
    public static Gen<WonDeal> Deal(IncentiveProgram program) =>
        from registration in Id
        from owner in Gen.Elements(Partners)
        from splits in Splits(owner)
        from referrer in Gen.Frequency(
            (2, Gen.Constant<Guid?>(null)),
            (1, Gen.Constant<Guid?>(owner)),
            (4, Gen.Elements(Partners).Select(p => (Guid?)p)))
        from value in Gen.Frequency(
            (1, Gen.Elements(0L, 1L, 2L, 3L, 5L, 99L, 100_000_000_000L)),
            (2, Gen.Choose(0, 100_000).Select(x => (long)x)),
            (4, Magnitude(36).Select(m => Math.Min(m, 100_000_000_000L))))
        from sameCurrency in Gen.Elements(true, true, false)
        from other in Gen.Elements(Currencies)
        from inside in Gen.Choose(0, program.ValidTo is { } to ? to.DayNumber - program.ValidFrom.DayNumber : 200)
        from anywhere in Gen.Choose(-60, 420)
        from withinValidity in Gen.Elements(true, true, true, true, true, false)
        from approvedBefore in OrNone(Gen.Choose(-5, 60), 1, 8)
        from lines in Gen.SubListOf(Lines)
        let closed = withinValidity ? program.ValidFrom.AddDays(inside) : Epoch.AddDays(anywhere)
        select new WonDeal(registration, owner, referrer, value, sameCurrency ? program.Currency : other, closed,
            approvedBefore is { } a ? closed.AddDays(-a) : null, [.. lines], splits);

    /// <summary>Tiers for the partners, a rate for the deal's pair (or none), and what each partner has used of each capped SPIFF.</summary>
    public static Gen<FactsStub> Facts(IncentiveProgram program, WonDeal deal) =>
        from tiers in Gen.ArrayOf(Gen.Choose(-1, Tiers.Length - 1), Partners.Length)
        from rate in OrNone(Gen.Frequency(
            (1, Gen.Elements(1L, 1_000_000L, 160_500_000L, 6_231L, 3_250_000L, 307_000L)),
            (3, Gen.Choose(1, 2_000_000_000).Select(x => (long)x))), 1, 9)
        from used in Gen.ArrayOf(Gen.Frequency(
            (3, Gen.Constant(0L)),
            (1, Gen.Constant(-1L)),
            (1, Gen.Constant(1L)),
            (3, Gen.Choose(0, 10_000_000).Select(x => (long)x))), program.Rules.Count * Partners.Length)
        from usedNearCap in Gen.ArrayOf(Gen.Elements(false, false, true), program.Rules.Count * Partners.Length)
        select Stub(program, deal, tiers, rate, used, usedNearCap);

    private static FactsStub Stub(IncentiveProgram program, WonDeal deal, int[] tiers, long? rate, long[] used, bool[] nearCap)
    {
        var facts = new FactsStub();
        for (var i = 0; i < Partners.Length; i++)
            if (tiers[i] >= 0) facts.Tiers[Partners[i]] = Tiers[tiers[i]];
        if (rate is { } r && deal.Currency != program.Currency) facts.Rates[(deal.Currency, program.Currency)] = r;
        for (var k = 0; k < program.Rules.Count; k++)
            for (var i = 0; i < Partners.Length; i++)
            {
                var at = k * Partners.Length + i;
                var rule = program.Rules[k];
                var u = nearCap[at] && rule.CapMinor is { } cap ? cap + used[at] % 3 - 1 : used[at];
                if (u != 0) facts.Earned[(rule.Id, Partners[i])] = u;
            }
        return facts;
    }

    public static Gen<IncentiveScenario> Scenario(bool unitMultipliers = false) =>
        from program in Program(unitMultipliers)
        from deal in Deal(program)
        from facts in Facts(program, deal)
        select new IncentiveScenario(program, deal, facts);
}
