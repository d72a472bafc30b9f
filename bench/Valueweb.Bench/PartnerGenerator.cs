using System.Text;
using Bogus;
using Npgsql;
using NpgsqlTypes;
using Valueweb.Data;
using Valueweb.Features.Locator;
using Valueweb.Features.Organisations;
using Valueweb.Features.Partners;

namespace Valueweb.Bench;

/// <summary>
/// Generates partner companies deterministically (Bogus, fixed seed) around the locator's cities and writes them
/// with Npgsql binary COPY into the tables the migrations create, then runs ANALYZE.
/// </summary>
public static class PartnerGenerator
{
    public static readonly string[] Competencies = ["Cloud migration", "Managed security", "Data engineering", "Network design", "IoT", "Unified communications"];
    private static readonly string[] Segments = ["Enterprise", "Mid-market", "SMB", "Public sector"];
    private static readonly PartnerTypes[] SingleTypes =
    [
        PartnerTypes.Reseller, PartnerTypes.ValueAddedReseller, PartnerTypes.SystemIntegrator, PartnerTypes.Distributor,
        PartnerTypes.Oem, PartnerTypes.Isv, PartnerTypes.ReferralAgent,
    ];

    private sealed record Location(Guid Id, string City, string Country, double Latitude, double Longitude);

    private sealed record Generated(Guid Id, string Name, string Slug, OrganisationStatus Status, DateTime CreatedAt, PartnerTypes Types, Guid TierId,
        bool Listed, string Description, string Website, string Phone, string Email, string Domain, string Country, Guid[] ProductLines,
        string Competency, string Segment, Location[] Locations);

    public static async Task<TimeSpan> LoadAsync(string connection, int count, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(ct);
        var programId = await ScalarAsync<Guid>(conn, "SELECT \"Id\" FROM \"Programs\" ORDER BY \"Name\" LIMIT 1", ct);
        var tiers = await ListAsync(conn, "SELECT \"Id\" FROM \"Tiers\" ORDER BY \"Rank\"", ct);
        var lines = await ListAsync(conn, "SELECT \"Id\" FROM \"ProductLines\" ORDER BY \"Code\"", ct);
        var partners = Generate(count, tiers, lines);

        await using var tx = await conn.BeginTransactionAsync(ct);
        await CopyAsync(conn, "\"Organisations\" (\"Id\", \"Kind\", \"LegalName\", \"DisplayName\", \"Slug\", \"Status\", \"CreatedAt\", \"Version\")", partners,
            async (w, p) =>
            {
                await w.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync((int)OrganisationKind.Partner, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(p.Name + " Ltd.", NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.Name, NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.Slug, NpgsqlDbType.Text, ct);
                await w.WriteAsync((int)p.Status, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(p.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
            }, ct);
        await CopyAsync(conn, "\"Partners\" (\"Id\", \"Types\", \"ProgramId\", \"TierId\", \"ChannelManagerId\", \"Listed\", \"PublicDescription\", \"Website\", "
            + "\"Phone\", \"PrivateNotes\", \"ContactEmail\", \"AppliedAt\")", partners,
            async (w, p) =>
            {
                await w.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync((int)p.Types, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(programId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(p.TierId, NpgsqlDbType.Uuid, ct);
                await w.WriteNullAsync(ct);
                await w.WriteAsync(p.Listed, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(p.Description, NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.Website, NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.Phone, NpgsqlDbType.Text, ct);
                await w.WriteAsync("", NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.Email, NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.CreatedAt.AddDays(-14), NpgsqlDbType.TimestampTz, ct);
            }, ct);
        await CopyAsync(conn, "\"PartnerCountries\" (\"PartnerId\", \"CountryCode\")", partners,
            async (w, p) =>
            {
                await w.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(p.Country, NpgsqlDbType.Text, ct);
            }, ct);
        await CopyAsync(conn, "\"PartnerDomains\" (\"PartnerId\", \"Domain\")", partners,
            async (w, p) =>
            {
                await w.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(p.Domain, NpgsqlDbType.Text, ct);
            }, ct);
        await CopyAsync(conn, "\"PartnerProductLines\" (\"PartnerId\", \"ProductLineId\")", partners.SelectMany(p => p.ProductLines.Select(l => (p.Id, l))),
            async (w, x) =>
            {
                await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(x.l, NpgsqlDbType.Uuid, ct);
            }, ct);
        await CopyAsync(conn, "\"PartnerAttributes\" (\"PartnerId\", \"Kind\", \"Value\")",
            partners.SelectMany(p => new[] { (p.Id, Kind: PartnerAttributeKind.Competency, Value: p.Competency), (p.Id, Kind: PartnerAttributeKind.Segment, Value: p.Segment) }),
            async (w, x) =>
            {
                await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync((int)x.Kind, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(x.Value, NpgsqlDbType.Text, ct);
            }, ct);
        await CopyAsync(conn, "\"PartnerLocations\" (\"Id\", \"PartnerId\", \"City\", \"CountryCode\", \"Latitude\", \"Longitude\")",
            partners.SelectMany(p => p.Locations.Select(l => (p.Id, l))),
            async (w, x) =>
            {
                await w.WriteAsync(x.l.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(x.l.City, NpgsqlDbType.Text, ct);
                await w.WriteAsync(x.l.Country, NpgsqlDbType.Text, ct);
                await w.WriteAsync(x.l.Latitude, NpgsqlDbType.Double, ct);
                await w.WriteAsync(x.l.Longitude, NpgsqlDbType.Double, ct);
            }, ct);
        await tx.CommitAsync(ct);

        // COPY bypasses the application's unit of work, so the locator's entries are rebuilt as the application would
        await using (var db = Valueweb.Data.DatabaseRegistration.CreateSystemContext(new Valueweb.Platform.ValuewebOptions
        {
            Database = Valueweb.Platform.DatabaseEngine.Postgres,
            Connection = connection,
        }))
            await Valueweb.Features.Locator.LocatorIndex.RebuildAsync(db, ct);

        await using (var analyze = new NpgsqlCommand("ANALYZE", conn)) await analyze.ExecuteNonQueryAsync(ct);
        return started.Elapsed;
    }

    private static List<Generated> Generate(int count, List<Guid> tiers, List<Guid> lines)
    {
        Randomizer.Seed = new Random(42);
        var f = new Faker("en");
        var epoch = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var partners = new List<Generated>(count);
        for (var i = 0; i < count; i++)
        {
            var name = f.Company.CompanyName();
            var slug = $"{Slugify(name)}-{i + 1}";
            var city = f.PickRandom(Cities.All.ToList());
            var types = f.PickRandom(SingleTypes);
            if (f.Random.Bool(0.4f)) types |= f.PickRandom(SingleTypes);
            var locations = Enumerable.Range(0, f.Random.Bool(0.3f) ? 2 : 1)
                .Select(_ => new Location(Ids.New(), city.Name, city.CountryCode,
                    Math.Clamp(city.Latitude + f.Random.Double(-0.5, 0.5), -90, 90), Math.Clamp(city.Longitude + f.Random.Double(-0.5, 0.5), -180, 180)))
                .ToArray();
            var productLines = f.PickRandom(lines, f.Random.Int(1, Math.Min(2, lines.Count))).ToArray();
            partners.Add(new Generated(
                Ids.New(), name, slug,
                f.Random.Bool(0.95f) ? OrganisationStatus.Active : OrganisationStatus.Suspended,
                epoch.AddMinutes(f.Random.Int(0, 60 * 24 * 365)),
                types, f.PickRandom(tiers), f.Random.Bool(0.9f),
                f.Company.CatchPhrase() + ". " + f.Lorem.Sentence(12),
                $"https://www.{slug}.example", f.Phone.PhoneNumber("+## ### ### ####"), $"partners@{slug}.example", $"{slug}.example",
                city.CountryCode, productLines, f.PickRandom(Competencies), f.PickRandom(Segments), locations));
        }
        return partners;
    }

    private static string Slugify(string name)
    {
        var b = new StringBuilder(name.Length);
        foreach (var ch in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(ch)) b.Append(ch);
            else if (b.Length > 0 && b[^1] != '-') b.Append('-');
        }
        return b.ToString().Trim('-');
    }

    private static async Task CopyAsync<T>(NpgsqlConnection conn, string target, IEnumerable<T> rows, Func<NpgsqlBinaryImporter, T, Task> write,
        CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await w.StartRowAsync(ct);
            await write(w, row);
        }
        await w.CompleteAsync(ct);
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public static async Task<List<Guid>> ListAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
