namespace Valueweb.Features.Incentives;

/// <summary>
/// The arithmetic of money in incentives, exact to the minor unit. Every product or conversion is rounded once, half to
/// even ("banker's rounding"); a whole shared between partners is allocated by the largest remainder, so the parts add
/// up to the whole exactly (ties go to the share listed first).
/// </summary>
public static class Exact
{
    /// <summary><paramref name="value"/> × <paramref name="numerator"/> / <paramref name="denominator"/>, rounded half to even.</summary>
    public static long MulDiv(long value, long numerator, long denominator)
    {
        if (denominator <= 0) throw new ArgumentOutOfRangeException(nameof(denominator));
        var product = (Int128)value * numerator;
        var quotient = Int128.DivRem(product, denominator);
        var q = quotient.Quotient;
        var twice = Int128.Abs(quotient.Remainder) * 2;
        if (twice > denominator || (twice == denominator && !Int128.IsEvenInteger(q)))
            q += Int128.Sign(product);
        return checked((long)q);
    }

    /// <summary>Shares <paramref name="amount"/> by <paramref name="weights"/>; the parts add up to <paramref name="amount"/> exactly.</summary>
    public static long[] Allocate(long amount, IReadOnlyList<int> weights)
    {
        var total = 0L;
        foreach (var w in weights)
        {
            if (w < 0) throw new ArgumentOutOfRangeException(nameof(weights), "Weights must not be negative.");
            total += w;
        }
        if (total == 0) throw new ArgumentOutOfRangeException(nameof(weights), "Weights must not all be zero.");
        var sign = Math.Sign(amount);
        var whole = (Int128)Math.Abs(amount);
        var parts = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        Int128 given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var (q, r) = Int128.DivRem(whole * weights[i], total);
            parts[i] = (long)q;
            remainders[i] = r;
            given += q;
        }
        var left = (long)(whole - given);
        if (left > 0)
        {
            var order = Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
            for (var k = 0; k < left; k++) parts[order[k]]++;
        }
        if (sign < 0)
            for (var i = 0; i < parts.Length; i++) parts[i] = -parts[i];
        return parts;
    }

    private static readonly long[] Powers = [1, 10, 100, 1000];

    /// <summary>Converts minor units of one currency to another at <paramref name="rateMicros"/> (units of the target per unit, × 1,000,000).</summary>
    public static long Convert(long minor, string from, string to, long rateMicros) =>
        MulDiv(minor, rateMicros * Powers[Platform.Api.Money.Decimals(to)], 1_000_000L * Powers[Platform.Api.Money.Decimals(from)]);
}
