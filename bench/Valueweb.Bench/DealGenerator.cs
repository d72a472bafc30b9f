using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Valueweb.Features.Customers;
using Valueweb.Features.Deals;
using Valueweb.Features.Organisations;
using Valueweb.Matching;

namespace Valueweb.Bench;

/// <summary>A generated end-customer account: the company, the account's domain (web domain, else none) and the product lines of its open registrations.</summary>
public sealed record GeneratedAccount(Guid Id, InventedCompany Company, string? Domain)
{
    /// <summary>Bit i set: product line i (in code order) is claimed by an open (pending, or approved and protected) registration.</summary>
    public int OpenLines { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.MaxValue;

    /// <summary>Another name the vendor keeps for the customer (a former name), for about 3 % of accounts.</summary>
    public InventedCompany? Alias { get; set; }
}

/// <summary>A partner of the demo program that registers deals: its organisation and its admin.</summary>
public sealed record DemoPartner(Guid Id, string Slug, Guid AdminId, string AdminEmail);

/// <summary>
/// What the generator loaded, for building the queries: accounts, the account of each registration (so a customer is
/// picked as often as it is registered), product lines in code order, the active partners.
/// </summary>
public sealed record DealData(IReadOnlyList<GeneratedAccount> Accounts, IReadOnlyList<int> AccountOfRegistration, IReadOnlyList<Guid> ProductLines,
    IReadOnlyList<DemoPartner> Partners, long Registrations, long Keys, long Aliases);

/// <summary>
/// Generates deal registrations deterministically (System.Random, fixed seed) for about half as many customer accounts,
/// and writes accounts, aliases, blocking keys, registrations and their product lines with Npgsql binary COPY into the
/// tables the migrations create, then runs ANALYZE. Keys come from the matching library exactly as
/// <see cref="CustomerDirectory"/> records them: <c>CompanyMatcher.BlockingKeys(account.Describe())</c>, plus the keys of each alias.
/// </summary>
public static class DealGenerator
{
    private const int Seed = 42;

    private enum Kind : byte { Pending, Approved, Rejected, Expired, Won, Lost }

    /// <summary>One registration before it is written; its text fields are invented while writing.</summary>
    private struct Row
    {
        public int Account;
        public short Partner;
        public byte Lines;
        public Kind Status;
        public bool First;
        public DateTime SubmittedAt;
        public Guid Id;
    }

    private static readonly string[] FirstNames =
    [
        "Anna", "Lukas", "Marie", "Jonas", "Sophie", "Paul", "Emma", "Luca", "Julia", "Noah", "Léa", "Hugo", "Chloé", "Giulia", "Marco",
        "Sofia", "Pablo", "Lucía", "Daan", "Sanne", "Erik", "Ingrid", "Piotr", "Zofia", "James", "Olivia", "Liam", "Grace", "Ethan", "Mia",
    ];

    private static readonly string[] LastNames =
    [
        "Meyer", "Schulz", "Koch", "Richter", "Klein", "Wolf", "Martin", "Petit", "Durand", "Conti", "Greco", "Ruiz", "Molina", "de Jong",
        "Smit", "Berg", "Lund", "Zieliński", "Lewandowski", "Evans", "Clarke", "Baker", "Reed", "Hall", "Young", "King", "Moser", "Frei",
    ];

    private static readonly string[] Descriptions =
    [
        "Replacing the customer's ageing platform.", "Consolidating three data centres into one cloud tenant.",
        "Rollout to all branch offices next fiscal year.", "Security review after an audit finding.",
        "Pilot in one plant, then group-wide.", "Renewal with an upgrade to the next edition.",
        "Greenfield project for a new subsidiary.", "Migration from a competitor's product.",
    ];

    private static readonly string[] LostReasons = ["Budget frozen.", "Chose a competitor.", "Project cancelled.", "No decision."];

    public static async Task<(DealData Data, TimeSpan Elapsed)> LoadAsync(string connection, int count, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(ct);
        var lines = await PartnerGenerator.ListAsync(conn, "SELECT \"Id\" FROM \"ProductLines\" ORDER BY \"Code\"", ct);
        var partners = await PartnersAsync(conn, ct);
        var stages = await StringsAsync(conn, "SELECT \"Key\" FROM \"DealStages\" ORDER BY \"Position\"", ct);
        if (partners.Count == 0 || lines.Count == 0 || stages.Count == 0) throw new InvalidOperationException("The demo seed has no active partners, product lines or stages.");

        var random = new Random(Seed);
        var now = DateTime.UtcNow;
        var names = new CompanyNames(random);
        var accountCount = Math.Max(1, count / 2);
        var accounts = new GeneratedAccount[accountCount];
        for (var i = 0; i < accountCount; i++)
        {
            var company = names.Next();
            // As the application records it: the web domain, else the contact's e-mail domain (none for free mail).
            var domain = company.Domain ?? CompanyMatcher.NormaliseDomain(Contact(random, null).Email);
            accounts[i] = new GeneratedAccount(Guid.Empty, company, domain) { Alias = random.NextDouble() < 0.03 ? names.Next(0) : null };
        }

        // Every account has one registration; of the rest, a fifth go to the 1 % most courted customers (about 20 each,
        // whatever the size), the others anywhere.
        var rows = new Row[count];
        var popular = Math.Max(1, accountCount / 100);
        var ofRegistration = new int[count];
        for (var i = 0; i < count; i++)
        {
            var account = i < accountCount ? i : random.NextDouble() < 0.2 ? random.Next(popular) : random.Next(accountCount);
            ofRegistration[i] = account;
            var status = random.Next(100) switch
            {
                < 30 => Kind.Pending,
                < 72 => Kind.Approved,
                < 81 => Kind.Won,
                < 88 => Kind.Lost,
                < 96 => Kind.Expired,
                _ => Kind.Rejected,
            };
            var daysAgo = status switch
            {
                Kind.Pending => random.NextDouble() * 30,
                Kind.Approved => 2 + (random.NextDouble() * 83),
                Kind.Expired => 100 + (random.NextDouble() * 400),
                _ => 20 + (random.NextDouble() * 680),
            };
            var lineCount = random.Next(100) switch { < 55 => 1, < 88 => 2, _ => 3 };
            var mask = 0;
            while (System.Numerics.BitOperations.PopCount((uint)mask) < Math.Min(lineCount, lines.Count)) mask |= 1 << random.Next(lines.Count);
            rows[i] = new Row
            {
                Account = account,
                Partner = (short)random.Next(partners.Count),
                Lines = (byte)mask,
                Status = status,
                SubmittedAt = now.AddDays(-daysAgo),
            };
            var a = accounts[account];
            if (rows[i].SubmittedAt < a.CreatedAt) a.CreatedAt = rows[i].SubmittedAt;
            if (status is Kind.Pending or Kind.Approved) a.OpenLines |= mask;
        }

        // Ids as the application makes them (version 7, time first), from the seeded generator; rows in time order.
        var accountOrder = Enumerable.Range(0, accountCount).OrderBy(i => accounts[i].CreatedAt).ToArray();
        foreach (var i in accountOrder) accounts[i] = accounts[i] with { Id = TimeOrderedId(random, accounts[i].CreatedAt) };
        for (var i = 0; i < count; i++) rows[i].Id = TimeOrderedId(random, rows[i].SubmittedAt);
        Array.Sort(rows, (x, y) => x.SubmittedAt.CompareTo(y.SubmittedAt));
        var seen = new bool[accountCount];
        for (var i = 0; i < count; i++)
        {
            rows[i].First = !seen[rows[i].Account];
            seen[rows[i].Account] = true;
        }

        long keyCount = 0;
        await using var tx = await conn.BeginTransactionAsync(ct);
        await CopyAsync(conn, "\"CustomerAccounts\" (\"Id\", \"Name\", \"Domain\", \"CountryCode\", \"CreatedAt\", \"Version\")", accountOrder, async (w, i) =>
        {
            var a = accounts[i];
            await w.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(a.Company.Name, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(w, a.Domain, ct);
            await w.WriteAsync(a.Company.Country, NpgsqlDbType.Text, ct);
            await w.WriteAsync(a.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
        }, ct);
        await CopyAsync(conn, "\"CustomerAliases\" (\"Id\", \"CustomerAccountId\", \"Name\")", accountOrder.Select(i => accounts[i]).Where(a => a.Alias is not null),
            async (w, a) =>
            {
                await w.WriteAsync(TimeOrderedId(random, a.CreatedAt), NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(a.Alias!.Name, NpgsqlDbType.Text, ct);
            }, ct);
        await CopyAsync(conn, "\"CustomerKeys\" (\"KeyHash\", \"CustomerAccountId\")", accountOrder.SelectMany(i => KeysOf(accounts[i])),
            async (w, k) =>
            {
                keyCount++;
                await w.WriteAsync(k.Key, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(k.Account, NpgsqlDbType.Uuid, ct);
            }, ct);

        var text = new Random(Seed + 1);
        var variants = new CompanyNames(text);
        await CopyAsync(conn, "\"DealRegistrations\" (\"Id\", \"PartnerId\", \"RegisteredByPartnerId\", \"SubmittedByPersonId\", \"CustomerAccountId\", "
            + "\"CustomerName\", \"CustomerDomain\", \"CustomerCountry\", \"ContactName\", \"ContactEmail\", \"ContactPhone\", \"EstimatedMinor\", \"Currency\", "
            + "\"ExpectedCloseDate\", \"Stage\", \"Description\", \"ReferredByPartnerId\", \"Status\", \"InConflict\", \"SubmittedAt\", \"DecidedAt\", "
            + "\"DecisionReason\", \"ProtectedUntil\", \"Extensions\", \"ActualMinor\", \"ClosedOn\", \"LostReason\", \"Version\")", rows, async (w, r) =>
            {
                var a = accounts[r.Account];
                var p = partners[r.Partner];
                var c = a.Company;
                var name = r.First || text.Next(100) < 70 ? c.Name : text.Next(2) == 0 ? variants.OtherCase(c) : variants.SuffixDropped(c);
                var (contact, email) = Contact(text, c.Domain);
                var estimated = (long)text.Next(5, 2_000) * 1_000_00;
                var decided = r.Status == Kind.Pending ? (DateTime?)null : r.SubmittedAt.AddHours(12 + (text.NextDouble() * 60));
                DateTime? protectedUntil = r.Status is Kind.Approved or Kind.Expired or Kind.Won or Kind.Lost ? decided!.Value.AddDays(90) : null;
                var closed = r.Status is Kind.Won or Kind.Lost ? DateOnly.FromDateTime(Min(now, r.SubmittedAt.AddDays(20 + text.Next(180)))) : (DateOnly?)null;

                await w.WriteAsync(r.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(p.AdminId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(name, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(w, c.Domain is not null && text.Next(100) < 85 ? c.Domain : null, ct);
                await w.WriteAsync(c.Country, NpgsqlDbType.Text, ct);
                await w.WriteAsync(contact, NpgsqlDbType.Text, ct);
                await w.WriteAsync(email, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(w, text.Next(100) < 60 ? $"+{text.Next(30, 49)} {text.Next(100, 999)} {text.Next(100000, 9999999)}" : null, ct);
                await w.WriteAsync(estimated, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(c.Country switch { "US" => "USD", "GB" => "GBP", "CH" => "CHF", "SE" => "SEK", "PL" => "PLN", "CA" => "CAD", "NO" => "NOK", _ => "EUR" },
                    NpgsqlDbType.Text, ct);
                await w.WriteAsync(DateOnly.FromDateTime(r.SubmittedAt.AddDays(30 + text.Next(240))), NpgsqlDbType.Date, ct);
                await w.WriteAsync(stages[text.Next(stages.Count)], NpgsqlDbType.Text, ct);
                await w.WriteAsync(Descriptions[text.Next(Descriptions.Length)], NpgsqlDbType.Text, ct);
                await w.WriteNullAsync(ct);
                await w.WriteAsync((int)ToStatus(r.Status), NpgsqlDbType.Integer, ct);
                await w.WriteAsync(!r.First && text.Next(100) < 60, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(r.SubmittedAt, NpgsqlDbType.TimestampTz, ct);
                await WriteNullableAsync(w, decided, ct);
                await WriteNullableAsync(w, r.Status == Kind.Rejected ? "Customer is a named account of another partner." : null, ct);
                await WriteNullableAsync(w, protectedUntil, ct);
                await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
                if (r.Status == Kind.Won) await w.WriteAsync(estimated * text.Next(70, 120) / 100, NpgsqlDbType.Bigint, ct);
                else await w.WriteNullAsync(ct);
                if (closed is { } day) await w.WriteAsync(day, NpgsqlDbType.Date, ct);
                else await w.WriteNullAsync(ct);
                await WriteNullableAsync(w, r.Status == Kind.Lost ? LostReasons[text.Next(LostReasons.Length)] : null, ct);
                await w.WriteAsync(r.Status == Kind.Pending ? 1L : 2L, NpgsqlDbType.Bigint, ct);
            }, ct);
        await CopyAsync(conn, "\"DealProductLines\" (\"RegistrationId\", \"ProductLineId\")",
            rows.SelectMany(r => Enumerable.Range(0, lines.Count).Where(i => (r.Lines & (1 << i)) != 0).Select(i => (r.Id, Line: lines[i]))),
            async (w, x) =>
            {
                await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(x.Line, NpgsqlDbType.Uuid, ct);
            }, ct);
        await tx.CommitAsync(ct);

        await using (var analyze = new NpgsqlCommand("ANALYZE", conn))
        {
            analyze.CommandTimeout = 600;
            await analyze.ExecuteNonQueryAsync(ct);
        }
        return (new DealData(accounts, ofRegistration, lines, partners, count, keyCount, accounts.Count(a => a.Alias is not null)), started.Elapsed);
    }

    /// <summary>The blocking keys the application stores for the account: those of its description, then those of its alias.</summary>
    private static IEnumerable<(long Key, Guid Account)> KeysOf(GeneratedAccount a)
    {
        var account = new CustomerAccount { Id = a.Id, Name = a.Company.Name, Domain = a.Domain, CountryCode = a.Company.Country };
        var keys = CompanyMatcher.BlockingKeys(account.Describe()).AsEnumerable();
        if (a.Alias is not null) keys = keys.Concat(CompanyMatcher.BlockingKeys(CompanyDescription.Of(a.Alias.Name)));
        return keys.Distinct().Select(k => (k, a.Id));
    }

    /// <summary>A contact person and address: at the company's domain when it has one (mostly), else at a free mail provider.</summary>
    public static (string Name, string Email) Contact(Random random, string? domain)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var local = CompanyNames.Ascii(first) + "." + CompanyNames.Ascii(last).Replace(" ", "", StringComparison.Ordinal);
        return ($"{first} {last}", domain is not null && random.Next(100) < 90 ? $"{local}@{domain}" : $"{local}{random.Next(1, 99)}@gmail.com");
    }

    private static DealStatus ToStatus(Kind k) => k switch
    {
        Kind.Pending => DealStatus.Pending,
        Kind.Approved => DealStatus.Approved,
        Kind.Rejected => DealStatus.Rejected,
        Kind.Expired => DealStatus.Expired,
        Kind.Won => DealStatus.Won,
        _ => DealStatus.Lost,
    };

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>A version 7 UUID for <paramref name="at"/> with the rest of its bits from the seeded generator.</summary>
    public static Guid TimeOrderedId(Random random, DateTime at)
    {
        Span<byte> b = stackalloc byte[16];
        random.NextBytes(b);
        var ms = new DateTimeOffset(at).ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++) b[i] = (byte)(ms >> (40 - (8 * i)));
        b[6] = (byte)(0x70 | (b[6] & 0x0F));
        b[8] = (byte)(0x80 | (b[8] & 0x3F));
        return new Guid(b, bigEndian: true);
    }

    private static async Task<List<DemoPartner>> PartnersAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        // The demo's active partners, each with its admin (admin@<slug>.demo), in a stable order.
        await using var cmd = new NpgsqlCommand(
            "SELECT o.\"Id\", o.\"Slug\", p.\"Id\", p.\"Email\" FROM \"Organisations\" o JOIN \"People\" p ON p.\"OrganisationId\" = o.\"Id\" "
            + "WHERE o.\"Kind\" = @partner AND o.\"Status\" = @active AND p.\"Role\" = @admin AND p.\"Status\" = @activePerson AND p.\"Email\" = 'admin@' || o.\"Slug\" || '.demo' "
            + "ORDER BY o.\"CreatedAt\", o.\"Slug\"", conn);
        cmd.Parameters.AddWithValue("partner", (int)OrganisationKind.Partner);
        cmd.Parameters.AddWithValue("active", (int)OrganisationStatus.Active);
        cmd.Parameters.AddWithValue("admin", (int)Role.PartnerAdmin);
        cmd.Parameters.AddWithValue("activePerson", (int)PersonStatus.Active);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<DemoPartner>();
        while (await reader.ReadAsync(ct)) list.Add(new DemoPartner(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3)));
        return list;
    }

    private static async Task<List<string>> StringsAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<string>();
        while (await reader.ReadAsync(ct)) list.Add(reader.GetString(0));
        return list;
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter w, string? value, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync(value, NpgsqlDbType.Text, ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter w, DateTime? value, CancellationToken ct) =>
        value is { } v ? w.WriteAsync(v, NpgsqlDbType.TimestampTz, ct) : w.WriteNullAsync(ct);

    private static async Task CopyAsync<T>(NpgsqlConnection conn, string target, IEnumerable<T> rows, Func<NpgsqlBinaryImporter, T, Task> write, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", ct);
        w.Timeout = TimeSpan.FromMinutes(10);
        foreach (var row in rows)
        {
            await w.StartRowAsync(ct);
            await write(w, row);
        }
        await w.CompleteAsync(ct);
    }
}
