using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Valueweb.Data;
using Valueweb.Features.Incentives;
using Valueweb.Platform;
using Valueweb.Platform.Access;

namespace Valueweb.Bench;

/// <summary>Lines and their sum in the program's minor units, by rule kind (indexed by <see cref="IncentiveRuleKind"/>).</summary>
public sealed class AccrualTally
{
    public long Deals;
    public long Lines;
    public long Sum;
    public long Skipped;
    public long ExplanationChars;
    public int LongestExplanation;
    public readonly long[] LinesByKind = new long[4];
    public readonly long[] SumByKind = new long[4];
    public long Capped;

    public void Add(Accrual line)
    {
        Lines++;
        Sum += line.AmountMinor;
        var k = (int)(line.RuleKind ?? IncentiveRuleKind.Percentage);
        LinesByKind[k]++;
        SumByKind[k] += line.AmountMinor;
        ExplanationChars += line.Explanation.Length;
        LongestExplanation = Math.Max(LongestExplanation, line.Explanation.Length);
        if (line.RuleKind == IncentiveRuleKind.Spiff && line.Explanation.Contains("; cap ", StringComparison.Ordinal)) Capped++;
    }
}

/// <summary>
/// Incentive accruals and one payout batch at scale. First in-process, no database: every generated won deal in close order
/// through <see cref="IncentiveCalculator.Accrue"/> with facts held in memory (<see cref="MemoryIncentiveFacts"/>), the cap use
/// updated with each line, as <see cref="AccrualBook"/> does; then the cost of the pieces. Then on PostgreSQL: the same lines,
/// computed again, binary-COPYed into the Accruals table (the partners are Organisations rows, the program an IncentivePrograms
/// row), and one payout batch for all of them through <see cref="Payouts"/> (build, approve, pay, each its own unit of work as a
/// request would be) and <see cref="PayoutViews.WriteLinesCsvAsync"/>, each step timed, then checked: every line paid once.
/// </summary>
public static class AccrualScenario
{
    public const double GoalDealsPerSecond = 50_000;
    public const double GoalPayoutSeconds = 60;
    public const int WarmUp = 20_000;
    public const int BreakdownSample = 200_000;
    public const string Period = "2026-12";
    public const string CopyColumns = "\"Id\", \"PartnerId\", \"ProgramId\", \"RuleId\", \"RegistrationId\", \"Kind\", \"RuleKind\", \"RuleName\", \"BaseMinor\", "
        + "\"BaseCurrency\", \"ExchangeRateMicros\", \"RatePpm\", \"ShareBasisPoints\", \"MultiplierPermille\", \"AmountMinor\", \"Currency\", \"Explanation\", "
        + "\"EarnedOn\", \"Period\", \"Disputed\", \"ReversesId\", \"CreatedAt\"";

    public static async Task<int> RunAsync(TextWriter w, string connection, int dealCount, int partnerCount, int? commandTimeout, CancellationToken ct)
    {
        var data = await SetUpAsync(w, connection, dealCount, partnerCount, ct);
        var inProcess = InProcess(w, data, ct);
        Breakdown(w, data);
        var load = await LoadAsync(w, connection, data, ct);
        var payout = await PayoutAsync(w, connection, commandTimeout, ct);
        var verified = payout.BatchId is { } id && await VerifyAsync(w, connection, id, load, payout, ct);

        w.WriteLine();
        var size = dealCount == 1_000_000 && partnerCount == 10_000 ? "" : FormattableString.Invariant($" (the goals are stated for 1,000,000 deals over 10,000 partners; this run: {dealCount:N0} over {partnerCount:N0})");
        w.WriteLine(FormattableString.Invariant(
            $"goal: accruals >= {GoalDealsPerSecond:N0} deals/s in-process — {(inProcess.DealsPerSecond >= GoalDealsPerSecond ? "MET" : "NOT MET")} ({inProcess.DealsPerSecond:N0} deals/s, {inProcess.DealsPerSecond / GoalDealsPerSecond:F2}× the goal){size}"));
        var total = payout.Total.TotalSeconds;
        var met = payout.Failed is null && verified && total <= GoalPayoutSeconds ? "MET" : "NOT MET";
        w.WriteLine(FormattableString.Invariant(
            $"goal: one payout batch for all lines on PostgreSQL <= {GoalPayoutSeconds:F0} s — {met} ({(payout.Failed is null ? $"{total:F1} s = {total / GoalPayoutSeconds:F2}× the limit" : "failed: " + payout.Failed)}{(verified ? "" : ", not verified")}){size}"));
        return payout.Failed is null && verified ? 0 : 1;
    }

    // ---- set-up ----

    private static async Task<IncentiveData> SetUpAsync(TextWriter w, string connection, int dealCount, int partnerCount, CancellationToken ct)
    {
        List<Guid> before;
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync(ct);
            before = await PartnerGenerator.ListAsync(conn, "SELECT \"Id\" FROM \"Partners\"", ct);
            // The demo program comes with a little incentive history of its own (accruals, a paid batch, disputes): the
            // bench starts without it, so that its batch holds its own lines only and the checks can count them exactly.
            const string forget = """
                UPDATE "FundClaims" SET "AccrualId" = NULL;
                DELETE FROM "AccrualDisputes";
                DELETE FROM "Accruals";
                DELETE FROM "PayoutBatches";
                DELETE FROM "Events" WHERE "Type" = 'payout.paid';
                """;
            await using var clear = new NpgsqlCommand(forget, conn);
            await clear.ExecuteNonQueryAsync(ct);
        }
        var loaded = await PartnerGenerator.LoadAsync(connection, partnerCount, ct);
        var partners = new List<BenchPartner>(partnerCount);
        var lines = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var tiers = new List<(Guid, int)>();
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync(ct);
            var demo = before.ToHashSet();
            await using (var cmd = new NpgsqlCommand("SELECT p.\"Id\", t.\"Id\", t.\"Name\", t.\"Rank\" FROM \"Partners\" p JOIN \"Tiers\" t ON t.\"Id\" = p.\"TierId\" ORDER BY p.\"Id\"", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    if (!demo.Contains(reader.GetGuid(0))) partners.Add(new BenchPartner(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt32(3)));
            await using (var cmd = new NpgsqlCommand("SELECT \"Code\", \"Id\" FROM \"ProductLines\"", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) lines[reader.GetString(0)] = reader.GetGuid(1);
            await using (var cmd = new NpgsqlCommand("SELECT \"Id\", \"Rank\" FROM \"Tiers\" ORDER BY \"Rank\"", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) tiers.Add((reader.GetGuid(0), reader.GetInt32(1)));
        }
        // Shuffled with a fixed seed, so that the busiest partners (the first ones) are not ordered by id.
        new Random(41).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(partners));
        w.WriteLine(FormattableString.Invariant(
            $"generated {partners.Count:N0} partners (Organisations and Partners rows, tiers {string.Join(" / ", partners.GroupBy(p => p.TierName).OrderBy(g => g.First().TierRank).Select(g => $"{g.Key} {g.Count():N0}"))}) with binary COPY + ANALYZE in {loaded.TotalSeconds:F1} s"));

        var heap = GC.GetTotalMemory(true);
        var watch = Stopwatch.StartNew();
        var program = IncentiveGenerator.Program(lines, tiers);
        var data = IncentiveGenerator.Generate(program, partners, lines.Values.Order().ToList(), dealCount, 42);
        var elapsed = watch.Elapsed;
        heap = GC.GetTotalMemory(true) - heap;
        w.WriteLine(FormattableString.Invariant(
            $"generated {data.Deals.Length:N0} won deals closed {IncentiveGenerator.First:yyyy-MM-dd} – {IncentiveGenerator.Last:yyyy-MM-dd} ({heap / 1048576.0:N0} MiB of heap) in {elapsed.TotalSeconds:F1} s: {data.Split:N0} split between 2 partners, {data.Referred:N0} referred; ")
            + string.Join(", ", data.DealsByCurrency.Select(c => FormattableString.Invariant($"{c.Key} {c.Value:N0}"))));
        w.WriteLine($"program \"{program.Name}\" in {program.Currency}: "
            + string.Join("; ", program.Rules.Select(Describe)) + "; tier multipliers "
            + string.Join(" / ", program.Multipliers.Select(m => FormattableString.Invariant($"×{m.Permille / 1000.0:0.##}"))));
        return data;
    }

    private static string Describe(IncentiveRule r) => r.Kind switch
    {
        IncentiveRuleKind.Percentage => $"{r.Name} {IncentiveCalculator.PercentText(r.RatePpm)}",
        IncentiveRuleKind.Spiff => $"{r.Name} {IncentiveCalculator.Text(r.AmountMinor, IncentiveGenerator.ProgramCurrency)} {r.WindowFrom:yyyy-MM-dd}–{r.WindowTo:yyyy-MM-dd} cap {IncentiveCalculator.Text(r.CapMinor ?? 0, IncentiveGenerator.ProgramCurrency)}",
        _ => $"{r.Name} {IncentiveCalculator.Text(r.AmountMinor, IncentiveGenerator.ProgramCurrency)}",
    };

    // ---- in-process ----

    public sealed record InProcessRun(AccrualTally Tally, TimeSpan Elapsed, long Allocated, double? PeakMiB, bool PeakReset, GcUse Gc)
    {
        public double DealsPerSecond => Tally.Deals / Elapsed.TotalSeconds;
        public double LinesPerSecond => Tally.Lines / Elapsed.TotalSeconds;
    }

    /// <summary>Every deal, in close order, through the calculator; each line counted towards its cap before the next deal.</summary>
    private static AccrualTally Accrue(ReadOnlySpan<WonDeal> deals, IncentiveProgram program, MemoryIncentiveFacts facts, CancellationToken ct)
    {
        var tally = new AccrualTally();
        Action<string> skipped = _ => tally.Skipped++;
        for (var i = 0; i < deals.Length; i++)
        {
            if ((i & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            foreach (var line in IncentiveCalculator.Accrue(deals[i], program, facts, skipped))
            {
                facts.Earned(line);
                tally.Add(line);
            }
        }
        tally.Deals = deals.Length;
        return tally;
    }

    private static InProcessRun InProcess(TextWriter w, IncentiveData data, CancellationToken ct)
    {
        var warm = Math.Min(WarmUp, data.Deals.Length);
        w.WriteLine();
        w.WriteLine(FormattableString.Invariant($"in-process: {warm:N0} warm-up deals (facts of their own), then all {data.Deals.Length:N0} measured, one thread, in close order …"));
        Accrue(data.Deals.AsSpan(0, warm), data.Program, new MemoryIncentiveFacts(data), ct);

        var facts = new MemoryIncentiveFacts(data);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var reset = ProcessMemory.ResetPeak(Environment.ProcessId);
        var gc = GcUse.Now();
        var allocated = GC.GetTotalAllocatedBytes(true);
        var watch = Stopwatch.StartNew();
        var tally = Accrue(data.Deals, data.Program, facts, ct);
        watch.Stop();
        allocated = GC.GetTotalAllocatedBytes(true) - allocated;
        var used = GcUse.Now().Since(gc);
        var peak = ProcessMemory.PeakMiB(Environment.ProcessId);
        using var self = Process.GetCurrentProcess();
        var run = new InProcessRun(tally, watch.Elapsed, allocated, peak, reset, used);

        w.WriteLine();
        w.WriteLine("scenario                                           deals        lines    seconds      deals/s      lines/s   × goal");
        w.WriteLine(new string('-', 114));
        w.WriteLine(FormattableString.Invariant(
            $"{"IncentiveCalculator.Accrue + cap use, sequential",-48}  {tally.Deals,9:N0}  {tally.Lines,11:N0}  {watch.Elapsed.TotalSeconds,9:F2}  {run.DealsPerSecond,11:N0}  {run.LinesPerSecond,11:N0}  {run.DealsPerSecond / GoalDealsPerSecond,7:F2}"));
        w.WriteLine();
        w.WriteLine(FormattableString.Invariant(
            $"lines: {tally.Lines / (double)tally.Deals:F2} per deal; ")
            + string.Join(", ", Enum.GetValues<IncentiveRuleKind>().Select(k => FormattableString.Invariant(
                $"{k} {tally.LinesByKind[(int)k]:N0} ({IncentiveCalculator.Text(tally.SumByKind[(int)k], IncentiveGenerator.ProgramCurrency)})")))
            + FormattableString.Invariant($"; total {IncentiveCalculator.Text(tally.Sum, IncentiveGenerator.ProgramCurrency)}"));
        w.WriteLine(FormattableString.Invariant(
            $"       {tally.Capped:N0} SPIFF lines cut by the cap ({facts.CapUses:N0} partner × rule cap counters); {tally.Skipped:N0} deals skipped for want of an exchange rate (KWD in January); ")
            + FormattableString.Invariant($"explanations {tally.ExplanationChars / (double)tally.Lines:F0} characters per line on average, {tally.LongestExplanation} at most (column limit {IncentiveModel.MaxExplanation})"));
        w.WriteLine(FormattableString.Invariant(
            $"memory: {allocated / 1048576.0:N0} MiB allocated during the run ({allocated / (double)tally.Deals:N0} bytes per deal, {allocated / (double)tally.Lines:N0} per line); ")
            + FormattableString.Invariant($"GCs gen0/gen1/gen2 {used.Gen0}/{used.Gen1}/{used.Gen2}, {used.Paused.TotalMilliseconds:F0} ms paused ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC)"));
        w.WriteLine(FormattableString.Invariant(
            $"        peak working set {(reset ? "during the run" : "of the process")} {ProcessMemory.Format(peak)} (process peak {self.PeakWorkingSet64 / 1048576.0:F0} MiB; managed heap now {GC.GetTotalMemory(false) / 1048576.0:F0} MiB, the generated deals included)"));
        return run;
    }

    /// <summary>
    /// Where the calculator's time goes: the same sample of deals through programs holding one kind of rule at a time (the
    /// program without rules is the cost every deal pays), then the price of single pieces the lines are made of.
    /// </summary>
    private static void Breakdown(TextWriter w, IncentiveData data)
    {
        var stride = Math.Max(1, data.Deals.Length / BreakdownSample);
        var sample = data.Deals.Where((_, i) => i % stride == 0).Take(BreakdownSample).ToArray();
        var all = data.Program;
        IncentiveProgram Only(string label, Func<IncentiveRule, bool> keep) => new()
        {
            Id = all.Id,
            Name = label,
            Currency = all.Currency,
            ValidFrom = all.ValidFrom,
            ValidTo = all.ValidTo,
            ClawbackDays = all.ClawbackDays,
            Rules = all.Rules.Where(keep).ToList(),
            Multipliers = all.Multipliers,
        };
        (string, IncentiveProgram)[] variants =
        [
            ("no rules: covers, rate, conversion, base text, closers", Only("none", _ => false)),
            ("percentage rules (best match, split, tier multiplier)", Only("pct", r => r.Kind == IncentiveRuleKind.Percentage)),
            ("registration bonus", Only("bonus", r => r.Kind == IncentiveRuleKind.RegistrationBonus)),
            ("SPIFF (window, cap)", Only("spiff", r => r.Kind == IncentiveRuleKind.Spiff)),
            ("referral fee", Only("referral", r => r.Kind == IncentiveRuleKind.ReferralFee)),
            ("the whole program", all),
        ];
        w.WriteLine();
        w.WriteLine(FormattableString.Invariant($"where the time goes: a sample of {sample.Length:N0} deals (every {stride}th) through the program's rules one kind at a time (fastest of 3 passes after a warm-up):"));
        w.WriteLine("program                                                  µs/deal   lines/deal   µs/line   bytes/deal");
        foreach (var (label, program) in variants)
        {
            AccrualTally tally = null!;
            var elapsed = TimeSpan.MaxValue;
            long bytes = 0;
            for (var pass = 0; pass < 4; pass++)
            {
                var facts = new MemoryIncentiveFacts(data);
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                tally = Accrue(sample, program, facts, CancellationToken.None);
                if (pass > 0 && watch.Elapsed < elapsed) elapsed = watch.Elapsed;
                bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            var perLine = tally.Lines == 0 ? "" : FormattableString.Invariant($"{elapsed.TotalMicroseconds / tally.Lines:F2}");
            w.WriteLine(FormattableString.Invariant(
                $"{label,-55}  {elapsed.TotalMicroseconds / sample.Length,7:F2}  {tally.Lines / (double)sample.Length,11:F2}  {perLine,8}  {bytes / (double)sample.Length,11:N0}"));
        }

        // Single pieces, each called a million times (the ones the calculator exposes, and what every line needs).
        const int Calls = 1_000_000;
        var facts2 = new MemoryIncentiveFacts(data);
        var partner = data.Partners[0].Id;
        var day = new DateOnly(2026, 5, 17);
        long sink = 0;
        (string, Action)[] pieces =
        [
            ("IncentiveCalculator.Text (Money.ToString, \"N2\" + code)", () => sink += IncentiveCalculator.Text(1_234_567_89, "EUR").Length),
            ("IncentiveCalculator.PercentText", () => sink += IncentiveCalculator.PercentText(40_000).Length),
            ("IncentiveCalculator.RateText", () => sink += IncentiveCalculator.RateText(925_431).Length),
            ("a date as yyyy-MM-dd in an interpolated string", () => sink += $"closed {day:yyyy-MM-dd}".Length),
            ("Accrual.PeriodOf", () => sink += Accrual.PeriodOf(day).Length),
            ("Ids.New (a line's id)", () => sink += Ids.New().GetHashCode()),
            ("  of which RandomNumberGenerator.Fill, 16 bytes", () =>
            {
                Span<byte> b = stackalloc byte[16];
                System.Security.Cryptography.RandomNumberGenerator.Fill(b);
                sink += b[0];
            }),
            ("new Accrual() (with its id)", () => sink += new Accrual().Id.GetHashCode()),
            ("Exact.MulDiv", () => sink += Exact.MulDiv(1_234_567_89, 40_000, 1_000_000)),
            ("Exact.Allocate, 2 weights", () => sink += Exact.Allocate(4_938_27, [6667, 3333])[0]),
            ("Exact.Convert USD → EUR", () => sink += Exact.Convert(1_234_567_89, "USD", "EUR", 925_431)),
            ("facts: TierOf", () => sink += facts2.TierOf(partner)!.Value.Name.Length),
            ("facts: Rate (binary search)", () => sink += facts2.Rate("USD", "EUR", day) ?? 0),
            ("facts: EarnedFromRule", () => sink += facts2.EarnedFromRule(all.Id, partner)),
        ];
        w.WriteLine("pieces (1,000,000 calls each, fastest of 3)                 ns/call   bytes/call");
        foreach (var (label, piece) in pieces)
        {
            for (var k = 0; k < 20_000; k++) piece();
            var ns = double.MaxValue;
            var bytes = 0.0;
            for (var pass = 0; pass < 3; pass++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                for (var k = 0; k < Calls; k++) piece();
                ns = Math.Min(ns, watch.Elapsed.TotalNanoseconds / Calls);
                bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Calls;
            }
            w.WriteLine(FormattableString.Invariant($"{label,-58}  {ns,8:F0}  {bytes,10:F0}"));
        }
        GC.KeepAlive(sink);
    }

    // ---- PostgreSQL ----

    public sealed record LoadRun(AccrualTally Tally, TimeSpan Copy, TimeSpan Vacuum, long TableBytes, long IndexBytes);

    /// <summary>The program as an IncentivePrograms row (EF), then every line computed again and binary-COPYed into Accruals, then VACUUM ANALYZE.</summary>
    private static async Task<LoadRun> LoadAsync(TextWriter w, string connection, IncentiveData data, CancellationToken ct)
    {
        var options = new ValuewebOptions { Database = DatabaseEngine.Postgres, Connection = connection };
        await using (var db = DatabaseRegistration.CreateSystemContext(options))
        {
            db.IncentivePrograms.Add(data.Program);
            await db.SaveChangesAsync(ct);
        }
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(ct);
        var facts = new MemoryIncentiveFacts(data);
        var tally = new AccrualTally();
        Action<string> skipped = _ => tally.Skipped++;
        var watch = Stopwatch.StartNew();
        await using (var copy = await conn.BeginBinaryImportAsync($"COPY \"Accruals\" ({CopyColumns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var deal in data.Deals)
            {
                // Recorded when the deal was won: noon UTC on its close date.
                var created = deal.ClosedOn.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
                foreach (var line in IncentiveCalculator.Accrue(deal, data.Program, facts, skipped))
                {
                    facts.Earned(line);
                    tally.Add(line);
                    Write(copy, line, created);
                }
            }
            tally.Deals = data.Deals.Length;
            await copy.CompleteAsync(ct);
        }
        var copied = watch.Elapsed;
        watch.Restart();
        await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) \"Accruals\"", conn) { CommandTimeout = 0 }) await vacuum.ExecuteNonQueryAsync(ct);
        var vacuumed = watch.Elapsed;
        var table = await PartnerGenerator.ScalarAsync<long>(conn, "SELECT pg_table_size('\"Accruals\"')", ct);
        var indexes = await PartnerGenerator.ScalarAsync<long>(conn, "SELECT pg_indexes_size('\"Accruals\"')", ct);
        w.WriteLine();
        w.WriteLine(FormattableString.Invariant(
            $"PostgreSQL: the program as an IncentivePrograms row; {tally.Lines:N0} lines computed again and binary-COPYed into \"Accruals\" (its 5 indexes in place) in {copied.TotalSeconds:F1} s = {tally.Lines / copied.TotalSeconds:N0} lines/s; VACUUM ANALYZE {vacuumed.TotalSeconds:F1} s"));
        w.WriteLine(FormattableString.Invariant($"            table {table / 1048576.0:N0} MiB, indexes {indexes / 1048576.0:N0} MiB"));
        return new LoadRun(tally, copied, vacuumed, table, indexes);
    }

    private static void Write(NpgsqlBinaryImporter copy, Accrual a, DateTime created)
    {
        copy.StartRow();
        copy.Write(a.Id, NpgsqlDbType.Uuid);
        copy.Write(a.PartnerId, NpgsqlDbType.Uuid);
        copy.Write(a.ProgramId, NpgsqlDbType.Uuid);
        if (a.RuleId is { } rule) copy.Write(rule, NpgsqlDbType.Uuid);
        else copy.WriteNull();
        if (a.RegistrationId is { } registration) copy.Write(registration, NpgsqlDbType.Uuid);
        else copy.WriteNull();
        copy.Write((int)a.Kind, NpgsqlDbType.Integer);
        if (a.RuleKind is { } kind) copy.Write((int)kind, NpgsqlDbType.Integer);
        else copy.WriteNull();
        copy.Write(a.RuleName, NpgsqlDbType.Varchar);
        copy.Write(a.BaseMinor, NpgsqlDbType.Bigint);
        copy.Write(a.BaseCurrency, NpgsqlDbType.Varchar);
        copy.Write(a.ExchangeRateMicros, NpgsqlDbType.Bigint);
        copy.Write(a.RatePpm, NpgsqlDbType.Bigint);
        copy.Write(a.ShareBasisPoints, NpgsqlDbType.Integer);
        copy.Write(a.MultiplierPermille, NpgsqlDbType.Integer);
        copy.Write(a.AmountMinor, NpgsqlDbType.Bigint);
        copy.Write(a.Currency, NpgsqlDbType.Varchar);
        copy.Write(a.Explanation, NpgsqlDbType.Varchar);
        copy.Write(a.EarnedOn, NpgsqlDbType.Date);
        copy.Write(a.Period, NpgsqlDbType.Varchar);
        copy.Write(false, NpgsqlDbType.Boolean);
        copy.WriteNull();
        copy.Write(created, NpgsqlDbType.TimestampTz);
    }

    public sealed record PayoutStep(string Name, TimeSpan Elapsed, double? PeakMiB, CpuUse Cpu, GcUse Gc, IReadOnlyList<SqlLog.Entry> Sql);

    public sealed record PayoutRun(Guid? BatchId, IReadOnlyList<PayoutStep> Steps, long CsvBytes, long CsvRows, string? Failed, bool PeakReset)
    {
        public TimeSpan Total => Steps.Aggregate(TimeSpan.Zero, (t, s) => t + s.Elapsed);
    }

    /// <summary>
    /// One payout batch up to <see cref="Period"/>: build, approve, pay and the CSV export, each with a context of its own (as one
    /// request each), the application's database configuration (<see cref="DatabaseRegistration.Configure"/>) and its command
    /// timeout unless <paramref name="commandTimeout"/> says otherwise.
    /// </summary>
    private static async Task<PayoutRun> PayoutAsync(TextWriter w, string connection, int? commandTimeout, CancellationToken ct)
    {
        var options = new ValuewebOptions { Database = DatabaseEngine.Postgres, Connection = connection };
        var log = new SqlLog();
        var steps = new List<PayoutStep>();
        var actor = new CurrentActor();
        Guid? batchId = null;
        long version = 0;
        var csv = new CountingStream();
        var reset = false;
        string? failed = null;
        w.WriteLine();
        w.WriteLine($"payout batch for every line up to {Period}: build, approve, pay, export the lines as CSV (to a null stream); command timeout "
            + (commandTimeout is { } t ? $"{t} s (--command-timeout)" : "the application's (Npgsql's default, 30 s)") + " …");

        async Task Step(string name, Func<ValuewebDb, Task<string?>> run)
        {
            if (failed is not null) return;
            var b = new DbContextOptionsBuilder<ValuewebDb>();
            DatabaseRegistration.Configure(b, options);
            b.AddInterceptors(log);
            await using var db = new ValuewebDb(b.Options, TenantScope.System());
            if (commandTimeout is { } seconds) db.Database.SetCommandTimeout(seconds);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            reset = ProcessMemory.ResetPeak(Environment.ProcessId);
            log.Clear();
            var cpu = await CpuMeter.StartAsync(Environment.ProcessId, connection, ct);
            var gc = GcUse.Now();
            var watch = Stopwatch.StartNew();
            try
            {
                failed = await run(db);
            }
            catch (Exception e) when (e is DbUpdateException or NpgsqlException or InvalidOperationException or TimeoutException)
            {
                failed = $"{name}: {e.GetType().Name}: {e.Message} {(e.InnerException is { } inner ? $"({inner.GetType().Name}: {inner.Message})" : "")}";
            }
            watch.Stop();
            var used = await cpu.StopAsync(ct);
            var step = new PayoutStep(name, watch.Elapsed, ProcessMemory.PeakMiB(Environment.ProcessId), used, GcUse.Now().Since(gc), log.Entries.ToList());
            steps.Add(step);
            w.WriteLine(FormattableString.Invariant(
                $"  {name,-8} {watch.Elapsed.TotalSeconds,7:F1} s   peak working set {ProcessMemory.Format(step.PeakMiB),8}   CPU bench {used.BenchSeconds,5:F1} s, PostgreSQL {used.DatabaseSeconds ?? 0,5:F1} s   {step.Sql.Count} commands{(failed is null ? "" : "   FAILED")}"));
            foreach (var e in step.Sql.Where(e => e.Elapsed.TotalSeconds >= 0.5).OrderByDescending(e => e.Elapsed))
                w.WriteLine(FormattableString.Invariant($"           {e.Elapsed.TotalSeconds,6:F1} s  {e.Rows,10:N0} rows  {OneLine(e.Sql)}"));
        }

        Payouts Payouts(ValuewebDb db) => new(db, actor, new Journal(db, actor, new HttpContextAccessor(), TimeProvider.System));
        await Step("build", async db =>
        {
            var (result, id) = await Payouts(db).BuildAsync(Period, null, ct);
            batchId = id;
            version = result.Version;
            return result.Outcome == Features.Partners.CommandOutcome.Done ? null : $"build answered {result.Outcome} {result.Errors}";
        });
        await Step("approve", async db =>
        {
            var result = await Payouts(db).ApproveAsync(batchId!.Value, version, null, ct);
            version = result.Version;
            return result.Outcome == Features.Partners.CommandOutcome.Done ? null : $"approve answered {result.Outcome}";
        });
        await Step("pay", async db =>
        {
            var result = await Payouts(db).PayAsync(batchId!.Value, version, $"BENCH-{Period}", null, ct);
            return result.Outcome == Features.Partners.CommandOutcome.Done ? null : $"pay answered {result.Outcome}";
        });
        await Step("export", async db =>
        {
            await new PayoutViews(db).WriteLinesCsvAsync(batchId!.Value, csv, ct);
            return null;
        });
        var sqlFile = Path.Combine(Path.GetTempPath(), "valueweb-bench-accruals-sql.txt");
        await File.WriteAllLinesAsync(sqlFile, steps.SelectMany(s => s.Sql.Select(e =>
            FormattableString.Invariant($"-- {s.Name}: {e.Elapsed.TotalSeconds:F3} s, {e.Rows} rows\n{e.Sql};\n"))), ct);
        var run = new PayoutRun(batchId, steps, csv.Bytes, csv.Newlines - 1, failed, reset);
        var total = run.Total;
        w.WriteLine(FormattableString.Invariant(
            $"  total    {total.TotalSeconds,7:F1} s   ({total.TotalSeconds / GoalPayoutSeconds:F2}× the 60 s limit); CSV {csv.Bytes / 1048576.0:N0} MiB, {Math.Max(0, csv.Newlines - 1):N0} rows"));
        if (failed is not null) w.WriteLine("  FAILED: " + failed);
        w.WriteLine($"  the SQL of every step, with its time: {sqlFile}");
        return run;
    }

    /// <summary>Every line paid exactly once: all Paid, all in the batch, the batch's totals add up to the lines, nothing left to build.</summary>
    private static async Task<bool> VerifyAsync(TextWriter w, string connection, Guid batchId, LoadRun load, PayoutRun payout, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(ct);
        var problems = new List<string>();
        var byStatus = new List<string>();
        long paid = 0, paidSum = 0, inBatch = 0, notPaidAt = 0, all = 0;
        // A line's status is its batch's (none → accrued): counted here by status straight from the three tables.
        await using (var cmd = new NpgsqlCommand("""
            SELECT coalesce(b."Status", -1), count(*), coalesce(sum(a."AmountMinor"), 0)::bigint, count(*) FILTER (WHERE l."BatchId" = @b),
                   count(*) FILTER (WHERE b."PaidAt" IS NULL)
            FROM "Accruals" AS a LEFT JOIN "PayoutBatchLines" AS l ON l."AccrualId" = a."Id" LEFT JOIN "PayoutBatches" AS b ON b."Id" = l."BatchId"
            GROUP BY 1 ORDER BY 1
            """, conn) { CommandTimeout = 0 })
        {
            cmd.Parameters.AddWithValue("b", batchId);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var batchStatus = reader.GetInt32(0);
                var count = reader.GetInt64(1);
                all += count;
                byStatus.Add(FormattableString.Invariant($"{(batchStatus < 0 ? "in no batch" : "batch " + (PayoutBatchStatus)batchStatus)} {count:N0}"));
                if (batchStatus != (int)PayoutBatchStatus.Paid) continue;
                paid = count;
                paidSum = reader.GetInt64(2);
                inBatch = reader.GetInt64(3);
                notPaidAt = reader.GetInt64(4);
            }
        }
        long totalsLines, totalsSum, totalsRows;
        await using (var cmd = new NpgsqlCommand("SELECT count(*), coalesce(sum(\"LineCount\"), 0)::bigint, coalesce(sum(\"AmountMinor\"), 0)::bigint FROM \"PayoutBatchTotals\" WHERE \"BatchId\" = @b", conn))
        {
            cmd.Parameters.AddWithValue("b", batchId);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (totalsRows, totalsLines, totalsSum) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        var batch = await PartnerGenerator.ScalarAsync<long>(conn, $"SELECT \"LineCount\"::bigint FROM \"PayoutBatches\" WHERE \"Id\" = '{batchId}' AND \"Status\" = {(int)PayoutBatchStatus.Paid}", ct);
        var batches = await PartnerGenerator.ScalarAsync<long>(conn, "SELECT count(*) FROM \"PayoutBatches\"", ct);
        var events = await PartnerGenerator.ScalarAsync<long>(conn, "SELECT count(*) FROM \"Events\" WHERE \"Type\" = 'payout.paid'", ct);

        var lines = load.Tally.Lines;
        if (all != lines) problems.Add(FormattableString.Invariant($"{all:N0} lines in the table, {lines:N0} loaded"));
        if (paid != lines) problems.Add(FormattableString.Invariant($"{paid:N0} lines Paid of {lines:N0} ({string.Join(", ", byStatus)})"));
        if (inBatch != paid) problems.Add(FormattableString.Invariant($"{paid - inBatch:N0} Paid lines outside the batch"));
        if (notPaidAt != 0) problems.Add(FormattableString.Invariant($"{notPaidAt:N0} Paid lines without PaidAt"));
        if (paidSum != load.Tally.Sum) problems.Add(FormattableString.Invariant($"Paid sum {paidSum} ≠ computed sum {load.Tally.Sum}"));
        if (totalsSum != paidSum) problems.Add(FormattableString.Invariant($"batch totals {totalsSum} ≠ Paid sum {paidSum}"));
        if (totalsLines != paid || batch != paid) problems.Add(FormattableString.Invariant($"batch counts {batch:N0} lines, its totals {totalsLines:N0}, Paid {paid:N0}"));
        if (batches != 1) problems.Add(FormattableString.Invariant($"{batches} batches"));
        if (events != totalsRows) problems.Add(FormattableString.Invariant($"{events:N0} payout.paid events for {totalsRows:N0} partner totals"));
        if (payout.CsvRows != paid) problems.Add(FormattableString.Invariant($"CSV has {payout.CsvRows:N0} rows for {paid:N0} lines"));

        // A second batch must find nothing left to pay.
        var options = new ValuewebOptions { Database = DatabaseEngine.Postgres, Connection = connection };
        await using (var db = DatabaseRegistration.CreateSystemContext(options))
        {
            db.Database.SetCommandTimeout(600);
            var actor = new CurrentActor();
            var (again, _) = await new Payouts(db, actor, new Journal(db, actor, new HttpContextAccessor(), TimeProvider.System)).BuildAsync(Period, null, ct);
            if (again.Outcome != Features.Partners.CommandOutcome.Invalid) problems.Add($"a second build answered {again.Outcome}");
        }

        w.WriteLine();
        if (problems.Count == 0)
            w.WriteLine(FormattableString.Invariant(
                $"verified: all {paid:N0} lines Paid, in the one batch, with PaidAt; their sum {IncentiveCalculator.Text(paidSum, IncentiveGenerator.ProgramCurrency)} = the batch's {totalsRows:N0} partner totals = the computed sum; ")
                + FormattableString.Invariant($"{events:N0} payout.paid events; {payout.CsvRows:N0} CSV rows; a second build finds nothing to pay"));
        else
            w.WriteLine("VERIFICATION FAILED: " + string.Join("; ", problems));
        return problems.Count == 0;
    }

    private static string OneLine(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 400 ? flat[..400] + " …" : flat;
    }

    /// <summary>A stream that keeps nothing, counting bytes and line ends.</summary>
    private sealed class CountingStream : Stream
    {
        public long Bytes;
        public long Newlines;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Bytes;
        public override long Position { get => Bytes; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Bytes += buffer.Length;
            Newlines += buffer.Count((byte)'\n');
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        // StreamWriter's dispose would close this stream: there is nothing to close.
        protected override void Dispose(bool disposing) { }
    }
}
