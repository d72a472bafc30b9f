using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Identity;

/// <summary>A key acts in a role of its organisation: finance's key does finance's work, and nothing beyond its role or its scopes.</summary>
public sealed class ApiKeyRoleTests(ValuewebFactory app) : IClassFixture<ValuewebFactory>
{
    private async Task<(HttpResponseMessage Response, JsonElement Body)> CreateAsync(string email, object body)
    {
        var admin = await app.ApiAs(email);
        var response = await admin.PostAsJsonAsync("/api/v1/api-keys", body);
        return (response, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private HttpClient With(string key)
    {
        var machine = app.Anonymous();
        machine.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return machine;
    }

    [Fact]
    public async Task A_finance_key_builds_payouts_that_an_admin_key_may_not_and_a_key_never_outgrows_its_role()
    {
        var (financeResponse, finance) = await CreateAsync(ValuewebFactory.VendorAdmin,
            new { name = "Finance system", role = "VendorFinance", scopes = new[] { "incentives:read", "incentives:write" } });
        financeResponse.StatusCode.ShouldBe(HttpStatusCode.Created);
        finance.GetProperty("role").GetString().ShouldBe("VendorFinance");
        var (_, admin) = await CreateAsync(ValuewebFactory.VendorAdmin, new { name = "Admin sync", scopes = new[] { "incentives:read", "incentives:write" } });
        admin.GetProperty("role").GetString().ShouldBe("VendorAdmin", "a key without a role is its organisation's admin, as before");

        var financeKey = With(finance.GetProperty("key").GetString()!);
        var adminKey = With(admin.GetProperty("key").GetString()!);
        (await financeKey.GetAsync("/api/v1/payout-batches")).StatusCode.ShouldBe(HttpStatusCode.OK, "payouts are finance's work");
        (await adminKey.GetAsync("/api/v1/payout-batches")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "not the admin's");
        (await financeKey.GetAsync("/api/v1/accruals")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var program = new { name = "Key program", currency = "EUR", validFrom = "2026-01-01", clawbackDays = 30, active = true, rules = new[] { new { kind = "percentage", name = "k", rate = 1m } } };
        (await financeKey.PostAsJsonAsync("/api/v1/incentive-programs", program)).StatusCode.ShouldBe(HttpStatusCode.Forbidden,
            "incentives:write does not make finance a program editor");
        (await financeKey.GetAsync("/api/v1/deal-registrations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "and its scopes hold it to incentives");

        var listed = (await (await app.ApiAs(ValuewebFactory.VendorAdmin)).GetFromJsonAsync<JsonElement>("/api/v1/api-keys"))
            .GetProperty("items").EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == finance.GetProperty("id").GetGuid());
        listed.GetProperty("role").GetString().ShouldBe("VendorFinance");
    }

    [Fact]
    public async Task A_role_of_another_kind_of_organisation_or_a_scope_the_role_cannot_use_is_refused_by_field()
    {
        var keysBefore = await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.ApiKeys)));
        var (partnerVendorRole, body) = await CreateAsync(ValuewebFactory.PartnerA, new { name = "Sneaky", role = "VendorFinance", scopes = new[] { "incentives:read" } });
        partnerVendorRole.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").TryGetProperty("role", out _).ShouldBeTrue();

        var (financeDeals, errors) = await CreateAsync(ValuewebFactory.VendorAdmin, new { name = "Odd", role = "VendorFinance", scopes = new[] { "incentives:read", "deals:write" } });
        financeDeals.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        errors.GetProperty("errors").GetProperty("scopes[1]")[0].GetString()!.ShouldContain("VendorFinance");

        var (bogus, _) = await CreateAsync(ValuewebFactory.VendorAdmin, new { name = "Bogus", role = "Janitor", scopes = new[] { "partners:read" } });
        bogus.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // A partner's sales key registers deals but cannot touch webhooks, whatever it asks for.
        var (sales, salesBody) = await CreateAsync(ValuewebFactory.PartnerB, new { name = "CRM", role = "PartnerSales", scopes = new[] { "deals:read", "deals:write" } });
        sales.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await With(salesBody.GetProperty("key").GetString()!).GetAsync("/api/v1/deal-registrations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (hooks, _) = await CreateAsync(ValuewebFactory.PartnerB, new { name = "Hooks", role = "PartnerSales", scopes = new[] { "webhooks:write" } });
        hooks.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.ApiKeys)))).ShouldBe(keysBefore + 1, "only the valid key was made");
    }
}
