using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Catalog;
using Valueweb.Features.Onboarding;
using Valueweb.Features.Organisations;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Platform;

/// <summary>
/// Two writers on one object: the one whose version is stale gets 412 (or, for creations, 409 or "done already"),
/// never a 500, whether it was stale when it asked or became stale between its read and its write.
/// </summary>
public sealed class ConcurrentWriteTests(InterferenceFactory app) : IClassFixture<InterferenceFactory>
{
    private static HttpRequestMessage Send(HttpMethod method, string url, object? body, string? etag)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    /// <summary>Another writer bumps the version between the app's read and its write (in the app's own connection, so no lock is in the way).</summary>
    private void BumpBeforeSaving<T>(Func<ValuewebDb, Task> bump) where T : class =>
        app.Interference.Once(c => Interference.Saves<T>(c, EntityState.Modified), c => bump((ValuewebDb)c));

    [Fact]
    public async Task My_settings_changed_meanwhile_answer_412()
    {
        var me = await app.ApiAs("sales@alpenglow.demo");
        var etag = await app.ETagOf(me, "/api/v1/me");
        (await me.SendAsync(Send(HttpMethod.Patch, "/api/v1/me", new { timeZone = "Europe/Vienna" }, "\"v999\""))).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        BumpBeforeSaving<Person>(db => db.People.Where(p => p.Email == "sales@alpenglow.demo")
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1)));
        var raced = await me.SendAsync(Send(HttpMethod.Patch, "/api/v1/me", new { timeZone = "Europe/Vienna" }, etag));
        raced.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, await raced.Content.ReadAsStringAsync());
        app.Interference.Armed.ShouldBeFalse();
    }

    [Fact]
    public async Task Program_settings_changed_meanwhile_answer_412()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var etag = await app.ETagOf(admin, "/api/v1/program");
        (await admin.SendAsync(Send(HttpMethod.Patch, "/api/v1/program", new { applicationReviewDays = 7 }, "\"v999\""))).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        BumpBeforeSaving<PartnerProgram>(db => db.Programs.ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1)));
        var raced = await admin.SendAsync(Send(HttpMethod.Patch, "/api/v1/program", new { applicationReviewDays = 7 }, etag));
        raced.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, await raced.Content.ReadAsStringAsync());
        app.Interference.Armed.ShouldBeFalse();
    }

    [Fact]
    public async Task A_product_line_changed_meanwhile_answers_412()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var line = await app.Db(db => db.ProductLines.OrderByDescending(l => l.Code).Select(l => new { l.Id, l.Version }).FirstAsync());
        var url = $"/api/v1/product-lines/{line.Id}";
        (await admin.SendAsync(Send(HttpMethod.Patch, url, new { name = "Renamed" }, $"\"v{line.Version + 5}\""))).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        BumpBeforeSaving<ProductLine>(db => db.ProductLines.Where(l => l.Id == line.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Version, l => l.Version + 1)));
        var raced = await admin.SendAsync(Send(HttpMethod.Patch, url, new { name = "Renamed" }, $"\"v{line.Version}\""));
        raced.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, await raced.Content.ReadAsStringAsync());
        app.Interference.Armed.ShouldBeFalse();
    }

    [Fact]
    public async Task A_person_changed_meanwhile_answers_412()
    {
        var admin = await app.ApiAs(ValuewebFactory.PartnerB);
        var id = await app.Db(db => db.People.Where(p => p.Email == "support@bergmann.demo").Select(p => p.Id).SingleAsync());
        var etag = await app.ETagOf(admin, $"/api/v1/people/{id}");
        BumpBeforeSaving<Person>(db => db.People.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1)));
        var raced = await admin.SendAsync(Send(HttpMethod.Post, $"/api/v1/people/{id}/disable", null, etag));
        raced.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, await raced.Content.ReadAsStringAsync());
        app.Interference.Armed.ShouldBeFalse();
        (await app.Db(db => db.People.Where(p => p.Id == id).Select(p => p.Status).SingleAsync())).ShouldBe(PersonStatus.Active);
    }

    [Fact]
    public async Task Accepting_the_agreement_twice_or_at_the_same_moment_is_done_once()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        var published = await admin.PostAsJsonAsync("/api/v1/program/agreements", new { title = "Agreement 2027", text = "New terms." });
        published.StatusCode.ShouldBe(HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        var version = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();

        // one partner accepts twice in a row
        var cobalt = await app.ApiAs(ValuewebFactory.PartnerC);
        (await cobalt.PostAsJsonAsync("/api/v1/agreement/accept", new { version })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await cobalt.PostAsJsonAsync("/api/v1/agreement/accept", new { version })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // another partner's acceptance is saved by a concurrent request between this one's check and its write
        var alpenglow = await app.OrganisationOf(ValuewebFactory.PartnerA);
        app.Interference.Once(c => Interference.Saves<AgreementAcceptance>(c, EntityState.Added), async c =>
        {
            var ours = c.ChangeTracker.Entries<AgreementAcceptance>().Single(e => e.State == EntityState.Added).Entity;
            await app.Db(async db =>
            {
                db.AgreementAcceptances.Add(new AgreementAcceptance
                {
                    PartnerId = ours.PartnerId,
                    AgreementId = ours.AgreementId,
                    Version = ours.Version,
                    PersonId = ours.PersonId,
                    AcceptedAt = ours.AcceptedAt,
                });
                return await db.SaveChangesAsync();
            });
        });
        var partner = await app.ApiAs(ValuewebFactory.PartnerA);
        var raced = await partner.PostAsJsonAsync("/api/v1/agreement/accept", new { version });
        raced.StatusCode.ShouldBe(HttpStatusCode.NoContent, await raced.Content.ReadAsStringAsync());
        app.Interference.Armed.ShouldBeFalse();
        (await app.Db(db => db.AgreementAcceptances.CountAsync(a => a.PartnerId == alpenglow && a.Version == version))).ShouldBe(1);
        (await partner.GetFromJsonAsync<JsonElement>("/api/v1/agreement")).GetProperty("acceptedByMyCompany").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Publishing_the_same_version_at_the_same_moment_answers_409()
    {
        var admin = await app.ApiAs(ValuewebFactory.VendorAdmin);
        app.Interference.Once(c => Interference.Saves<ProgramAgreement>(c, EntityState.Added), async c =>
        {
            var ours = c.ChangeTracker.Entries<ProgramAgreement>().Single(e => e.State == EntityState.Added).Entity;
            await app.Db(async db =>
            {
                db.Agreements.Add(new ProgramAgreement { ProgramId = ours.ProgramId, Version = ours.Version, Title = "The other admin's", Text = "Other terms.", PublishedAt = ours.PublishedAt });
                return await db.SaveChangesAsync();
            });
        });
        var raced = await admin.PostAsJsonAsync("/api/v1/program/agreements", new { title = "Mine", text = "My terms." });
        raced.StatusCode.ShouldBe(HttpStatusCode.Conflict, await raced.Content.ReadAsStringAsync());
        raced.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        app.Interference.Armed.ShouldBeFalse();
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/agreement")).GetProperty("title").GetString().ShouldBe("The other admin's");
    }
}
