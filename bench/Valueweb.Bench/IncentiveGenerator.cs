using Valueweb.Features.Incentives;

namespace Valueweb.Bench;

/// <summary>A partner as the incentive bench sees it: its id and its tier (id and name, rank 1 = the lowest).</summary>
public sealed record BenchPartner(Guid Id, Guid TierId, string TierName, int TierRank);

/// <summary>The generated world of the accruals scenario: one program, the partners, the won deals in close order, finance's rates.</summary>
public sealed record IncentiveData(IncentiveProgram Program, IReadOnlyList<BenchPartner> Partners, WonDeal[] Deals,
    IReadOnlyDictionary<(string From, string To), (DateOnly[] Days, long[] Micros)> Rates, IReadOnlyDictionary<string, int> DealsByCurrency,
    int Split, int Referred);

/// <summary>
/// Generates, with fixed seeds, a realistic incentive program over the demo program's product lines and tiers, a year of won
/// deals (2026, in close order) spread unevenly over the partners, and monthly exchange rates to the program's currency.
/// </summary>
public static class IncentiveGenerator
{
    public const string ProgramCurrency = "EUR";
    public static readonly DateOnly First = new(2026, 1, 1);
    public static readonly DateOnly Last = new(2026, 12, 31);

    /// <summary>Deal currencies, their share of deals (percent), and roughly how many units make one euro.</summary>
    private static readonly (string Code, int Percent, double PerEuro)[] Currencies =
        [("EUR", 45, 1), ("USD", 30, 1.08), ("GBP", 12, 0.85), ("JPY", 6, 162), ("CHF", 5, 0.95), ("KWD", 2, 0.33)];

    /// <summary>
    /// The program, in euros, for deals closed in 2026: 4 % on everything, 6 % on Cloud Platform, 8 % on Security Suite, 5 % on
    /// Data &amp; Analytics (the best matching percentage applies), a 250 € referral fee, a 500 € SPIFF on Security Suite deals
    /// closed in the second quarter capped at 2,500 € per partner, a 100 € bonus per registered deal, and tier multipliers
    /// × 1 / 1.1 / 1.25 / 1.5 by tier rank.
    /// </summary>
    public static IncentiveProgram Program(IReadOnlyDictionary<string, Guid> productLines, IReadOnlyList<(Guid Id, int Rank)> tiers)
    {
        var program = new IncentiveProgram
        {
            Name = "Partner incentives 2026",
            Description = "Commission on won deals, a referral fee, a Q2 security SPIFF and a registration bonus; tier multipliers on commission.",
            Currency = ProgramCurrency,
            ValidFrom = First,
            ValidTo = Last,
            ClawbackDays = 90,
            CreatedAt = new DateTimeOffset(2025, 12, 1, 9, 0, 0, TimeSpan.Zero),
        };
        var position = 0;
        IncentiveRule Rule(IncentiveRuleKind kind, string name, string? line = null) => new()
        {
            ProgramId = program.Id,
            Position = position++,
            Kind = kind,
            Name = name,
            ProductLineId = line is null ? null : productLines[line],
        };
        var spiff = Rule(IncentiveRuleKind.Spiff, "Q2 Security SPIFF", "SEC");
        spiff.AmountMinor = 500_00;
        spiff.WindowFrom = new DateOnly(2026, 4, 1);
        spiff.WindowTo = new DateOnly(2026, 6, 30);
        spiff.CapMinor = 2_500_00;
        var base4 = Rule(IncentiveRuleKind.Percentage, "Commission");
        base4.RatePpm = 40_000;
        var cloud = Rule(IncentiveRuleKind.Percentage, "Cloud Platform commission", "CLOUD");
        cloud.RatePpm = 60_000;
        var security = Rule(IncentiveRuleKind.Percentage, "Security Suite commission", "SEC");
        security.RatePpm = 80_000;
        var data = Rule(IncentiveRuleKind.Percentage, "Data & Analytics commission", "DATA");
        data.RatePpm = 50_000;
        var referral = Rule(IncentiveRuleKind.ReferralFee, "Referral fee");
        referral.AmountMinor = 250_00;
        var bonus = Rule(IncentiveRuleKind.RegistrationBonus, "Registered deal bonus");
        bonus.AmountMinor = 100_00;
        program.Rules = [base4, cloud, security, data, referral, spiff, bonus];
        int[] permille = [1000, 1100, 1250, 1500];
        program.Multipliers = tiers.Select(t => new TierMultiplier { ProgramId = program.Id, TierId = t.Id, Permille = permille[Math.Clamp(t.Rank - 1, 0, 3)] }).ToList();
        return program;
    }

    /// <summary>
    /// <paramref name="count"/> won deals closed evenly over 2026 in close order; owners skewed (a tenth of the partners win about
    /// a third of the deals); 8 % split with a second partner (50/50, 60/40, 70/30, 75/25 or 2/3 – 1/3, the owner first), 12 %
    /// referred by another partner; currencies EUR 45 %, USD 30 %, GBP 12 %, JPY 6 %, CHF 5 %, KWD 2 %; values log-uniform from
    /// 1,000 to 1,000,000 euros' worth; one (65 %), two (28 %) or three product lines; registered and approved 10 to 90 days
    /// before the close.
    /// </summary>
    public static IncentiveData Generate(IncentiveProgram program, IReadOnlyList<BenchPartner> partners, IReadOnlyList<Guid> productLines, int count, int seed)
    {
        var random = new Random(seed);
        var deals = new WonDeal[count];
        var byCurrency = Currencies.ToDictionary(c => c.Code, _ => 0, StringComparer.Ordinal);
        var split = 0;
        var referred = 0;
        int[][] shares = [[5000, 5000], [6000, 4000], [7000, 3000], [7500, 2500], [6667, 3333]];
        Span<byte> id = stackalloc byte[16];
        var days = Last.DayNumber - First.DayNumber + 1;
        for (var i = 0; i < count; i++)
        {
            var owner = Pick(random, partners.Count);
            var closedOn = First.AddDays((int)((long)i * days / count));
            var currency = PickCurrency(random);
            byCurrency[currency.Code]++;
            var euros = Math.Exp(Math.Log(1_000) + (random.NextDouble() * (Math.Log(1_000_000) - Math.Log(1_000))));
            var value = (long)Math.Round(euros * currency.PerEuro * Math.Pow(10, Valueweb.Platform.Api.Money.Decimals(currency.Code)));
            var lineCount = random.Next(100) switch { < 65 => 1, < 93 => 2, _ => 3 };
            var lines = new Guid[lineCount];
            for (var k = 0; k < lineCount; k++)
            {
                Guid line;
                do line = productLines[random.Next(productLines.Count)];
                while (Array.IndexOf(lines, line, 0, k) >= 0);
                lines[k] = line;
            }
            IReadOnlyList<SplitShare> splits = [];
            if (random.Next(100) < 8)
            {
                var with = Other(random, partners.Count, owner);
                var s = shares[random.Next(shares.Length)];
                splits = [new SplitShare(partners[owner].Id, s[0]), new SplitShare(partners[with].Id, s[1])];
                split++;
            }
            Guid? referrer = null;
            if (random.Next(100) < 12)
            {
                int r;
                do r = Pick(random, partners.Count);
                while (r == owner || splits.Any(x => x.PartnerId == partners[r].Id));
                referrer = partners[r].Id;
                referred++;
            }
            random.NextBytes(id);
            deals[i] = new WonDeal(new Guid(id), partners[owner].Id, referrer, value, currency.Code, closedOn, closedOn.AddDays(-random.Next(10, 91)), lines, splits);
        }
        return new IncentiveData(program, partners, deals, Rates(seed + 1), byCurrency, split, referred);
    }

    /// <summary>
    /// Finance's rates to euros, one a month, drifting a little; for Kuwaiti dinars only from February, so that January's KWD
    /// deals find no rate and are skipped (as the application skips them).
    /// </summary>
    public static Dictionary<(string From, string To), (DateOnly[] Days, long[] Micros)> Rates(int seed)
    {
        var random = new Random(seed);
        var rates = new Dictionary<(string, string), (DateOnly[], long[])>();
        foreach (var (code, _, perEuro) in Currencies)
        {
            if (code == ProgramCurrency) continue;
            var from = code == "KWD" ? 2 : 1;
            var months = Enumerable.Range(from, 13 - from).ToArray();
            var level = 1 / perEuro;
            var micros = new long[months.Length];
            for (var m = 0; m < months.Length; m++)
            {
                level *= 1 + ((random.NextDouble() - 0.5) * 0.04);
                micros[m] = (long)Math.Round(level * 1_000_000);
            }
            rates[(code, ProgramCurrency)] = (months.Select(m => new DateOnly(2026, m, 1)).ToArray(), micros);
        }
        return rates;
    }

    /// <summary>A partner index skewed to the first ones: the first tenth wins about 32 % of the deals.</summary>
    private static int Pick(Random random, int partners)
    {
        var u = random.NextDouble();
        return Math.Min(partners - 1, (int)(partners * u * u));
    }

    private static int Other(Random random, int partners, int not)
    {
        int other;
        do other = Pick(random, partners);
        while (other == not);
        return other;
    }

    private static (string Code, int Percent, double PerEuro) PickCurrency(Random random)
    {
        var roll = random.Next(100);
        foreach (var c in Currencies)
        {
            if (roll < c.Percent) return c;
            roll -= c.Percent;
        }
        return Currencies[0];
    }
}

/// <summary>
/// The facts the calculator asks for, held in memory: tiers by partner, finance's rates as monthly tables (the latest on or
/// before the day, by binary search), and what each partner has earned from each capped rule so far.
/// </summary>
public sealed class MemoryIncentiveFacts : IIncentiveFacts
{
    private readonly Dictionary<Guid, (Guid Id, string Name)> tiers;
    private readonly IReadOnlyDictionary<(string From, string To), (DateOnly[] Days, long[] Micros)> rates;
    private readonly HashSet<Guid> capped;
    private readonly Dictionary<(Guid Rule, Guid Partner), long> earned = [];

    public MemoryIncentiveFacts(IncentiveData data)
    {
        tiers = data.Partners.ToDictionary(p => p.Id, p => (p.TierId, p.TierName));
        rates = data.Rates;
        capped = data.Program.Rules.Where(r => r.CapMinor is not null).Select(r => r.Id).ToHashSet();
    }

    public int CapUses => earned.Count;

    public (Guid Id, string Name)? TierOf(Guid partnerId) => tiers.TryGetValue(partnerId, out var t) ? t : null;

    public long? Rate(string from, string to, DateOnly day)
    {
        if (!rates.TryGetValue((from, to), out var table)) return null;
        var at = Array.BinarySearch(table.Days, day);
        if (at < 0) at = ~at - 1;
        return at < 0 ? null : table.Micros[at];
    }

    public long EarnedFromRule(Guid ruleId, Guid partnerId) => earned.GetValueOrDefault((ruleId, partnerId));

    /// <summary>Counts a recorded line towards its rule's cap (only capped rules are tracked).</summary>
    public void Earned(Accrual line)
    {
        if (line.RuleId is not { } rule || !capped.Contains(rule)) return;
        ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(earned, (rule, line.PartnerId), out _);
        sum += line.AmountMinor;
    }
}
