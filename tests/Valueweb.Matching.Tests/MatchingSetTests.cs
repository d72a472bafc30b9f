using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Valueweb.Matching.Tests;

/// <summary>
/// The labelled set run through the real pipeline: a pair is predicted "same" only when the two descriptions share a
/// blocking key (the database's candidate lookup) and score at least the default threshold. Precision ≥ 0.99 and
/// recall ≥ 0.95 are required; the figures are printed on every run.
/// </summary>
public sealed class MatchingSetTests(ITestOutputHelper output)
{
    private sealed record Pair(string Category, bool Same, CompanyDescription Query, CompanyDescription Candidate);

    private static List<Pair> Load() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "MatchingSet.tsv"), Encoding.UTF8)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(c => new Pair(c[0], c[1] == "same",
                new CompanyDescription(c[2], c[3].Length > 0 ? [c[3]] : [], []),
                new CompanyDescription(c[4], c[5].Length > 0 ? [c[5]] : [], c[6].Split(';', StringSplitOptions.RemoveEmptyEntries))))
            .ToList();

    private static bool Predicted(CompanyDescription a, CompanyDescription b) =>
        CompanyMatcher.BlockingKeys(a).Intersect(CompanyMatcher.BlockingKeys(b)).Any() && CompanyMatcher.Compare(a, b).Score >= CompanyMatcher.DefaultThreshold;

    [Fact]
    public void Precision_and_recall_on_the_labelled_set()
    {
        var pairs = Load();
        int tp = 0, fp = 0, fn = 0, tn = 0;
        var wrong = new StringBuilder();
        foreach (var p in pairs)
        {
            var predicted = Predicted(p.Query, p.Candidate);
            if (predicted && p.Same) tp++;
            else if (predicted) { fp++; wrong.AppendLine($"  false match   [{p.Category}] {p.Query.Name} | {p.Candidate.Name}: {CompanyMatcher.Compare(p.Query, p.Candidate).Reason}"); }
            else if (p.Same) { fn++; wrong.AppendLine($"  missed match  [{p.Category}] {p.Query.Name} {string.Join(' ', p.Query.Domains)} | {p.Candidate.Name}"); }
            else tn++;
        }
        var precision = tp / (double)(tp + fp);
        var recall = tp / (double)(tp + fn);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"matching set: {pairs.Count} pairs ({tp + fn} same, {fp + tn} different), precision {precision:F3}, recall {recall:F3}");
        output.WriteLine(line);
        output.WriteLine(wrong.ToString());
        // Also to the console, so that the test script can print it.
        Console.WriteLine(line);
        pairs.Count.ShouldBeGreaterThanOrEqualTo(500);
        pairs.Count(p => p.Category == "hard negative").ShouldBeGreaterThanOrEqualTo(150);
        precision.ShouldBeGreaterThanOrEqualTo(0.99, line + "\n" + wrong);
        recall.ShouldBeGreaterThanOrEqualTo(0.95, line + "\n" + wrong);
    }

    [Fact]
    public void Every_pair_that_can_match_shares_a_blocking_key_and_scores_the_same_both_ways()
    {
        var failures = new StringBuilder();
        foreach (var p in Load())
        {
            var there = CompanyMatcher.Compare(p.Query, p.Candidate).Score;
            var back = CompanyMatcher.Compare(p.Candidate, p.Query).Score;
            if (Math.Abs(there - back) > 0.02) failures.AppendLine($"asymmetric {p.Query.Name} | {p.Candidate.Name}: {there} vs {back}");
            if (Math.Max(there, back) >= CompanyMatcher.LowestThreshold && !CompanyMatcher.BlockingKeys(p.Query).Intersect(CompanyMatcher.BlockingKeys(p.Candidate)).Any())
                failures.AppendLine($"no shared key {p.Query.Name} | {p.Candidate.Name}");
        }
        failures.ToString().ShouldBeEmpty();
    }
}
