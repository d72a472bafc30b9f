using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Valueweb.Features.Identity;
using Valueweb.Features.Organisations;
using Valueweb.Features.Webhooks;
using Valueweb.Platform.Access;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Access;

/// <summary>
/// Every API endpoint and page route × every kind of caller, against an object owned by partner A (Alpenglow).
/// The expected statuses are written by hand below; an endpoint missing from the table fails the test.
/// Write probes are built to stop right after authorization (no If-Match, or an empty body), so they change nothing.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixFactory app) : IClassFixture<MatrixFactory>
{
    // Callers, in the column order of the table.
    private static readonly string?[] Callers =
    [
        null, // anonymous
        "admin@valueweb.demo", "cm@valueweb.demo", "marketing@valueweb.demo", "finance@valueweb.demo", "direct@valueweb.demo", "analyst@valueweb.demo",
        "admin@alpenglow.demo", "sales@alpenglow.demo", "marketing@alpenglow.demo", "support@alpenglow.demo",
        MatrixFactory.VendorKeyCaller, MatrixFactory.PartnerKeyCaller,
        "admin@bergmann.demo", // the competitor
    ];

    private const string Header = "anon | vAdmin cm vMkt vFin direct analyst | pAdmin pSales pMkt pSupport | keyV keyP | competitor";

    private sealed record Row(string Endpoint, string Path, string? Body, int[] Expected);

    private Row[] Table()
    {
        var a = app.AlpenglowId.ToString();
        var person = app.ProbePerson.ToString();
        var key = app.VictimKey.ToString();
        var none = Guid.CreateVersion7().ToString();
        var deal = app.AlpenglowDeal.ToString();
        var lead = app.AlpenglowLead.ToString();
        var accrual = app.AlpenglowAccrual.ToString();
        var dispute = app.AlpenglowDispute.ToString();
        var fundRequest = app.AlpenglowFundRequest.ToString();
        var fundClaim = app.AlpenglowFundClaim.ToString();
        var proof = app.AlpenglowProof.ToString();
        var hook = app.AlpenglowWebhook.ToString();
        return
        [
            //                                                                                       anon  vA   cm  vMk  vFi   ds   an   pA   pS  pMk  pSu keyV keyP comp
            new("GET /healthz", "/healthz", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /openapi/{documentName}.json", "/openapi/v1.json", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("POST /api/v1/auth/login", "/api/v1/auth/login", "{}", [400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
            new("POST /signout", "/signout", "", [302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302]),
            new("GET /api/v1/product-lines", "/api/v1/product-lines", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /api/v1/partners", "/api/v1/partners", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /api/v1/partners/{id}", $"/api/v1/partners/{a}", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404]),
            new("GET /api/v1/partners/{id}/history", $"/api/v1/partners/{a}/history", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404]),
            new("PATCH /api/v1/partners/{id}", $"/api/v1/partners/{a}", "{}", [401, 428, 428, 403, 403, 403, 403, 428, 403, 428, 403, 428, 428, 404]),
            new("POST /api/v1/partners/{id}/approve", $"/api/v1/partners/{a}/approve", "{}", [401, 428, 428, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("POST /api/v1/partners/{id}/reject", $"/api/v1/partners/{a}/reject", "{}", [401, 428, 428, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("POST /api/v1/partners/{id}/suspend", $"/api/v1/partners/{a}/suspend", "{}", [401, 428, 428, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("POST /api/v1/partners/{id}/reactivate", $"/api/v1/partners/{a}/reactivate", "{}", [401, 428, 428, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("POST /api/v1/partners/{id}/offboard", $"/api/v1/partners/{a}/offboard", "{}", [401, 428, 428, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("POST /api/v1/applications", "/api/v1/applications", "{}", [400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
            new("POST /api/v1/invitations", "/api/v1/invitations", "{}", [401, 400, 403, 403, 403, 403, 403, 400, 403, 403, 403, 403, 403, 400]),
            new("POST /api/v1/invitations/accept", "/api/v1/invitations/accept", "{}", [400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
            new("GET /api/v1/agreement", "/api/v1/agreement", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("POST /api/v1/agreement/accept", "/api/v1/agreement/accept", "{}", [401, 403, 403, 403, 403, 403, 403, 400, 403, 403, 403, 403, 403, 400]),
            new("POST /api/v1/program/agreements", "/api/v1/program/agreements", "{}", [401, 400, 403, 403, 403, 403, 403, 403, 403, 403, 403, 400, 403, 403]),
            new("GET /api/v1/notifications", "/api/v1/notifications", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("POST /api/v1/notifications/{id}/read", $"/api/v1/notifications/{none}/read", "", [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
            new("GET /api/v1/jobs", "/api/v1/jobs", null, [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("GET /api/v1/api-keys", "/api/v1/api-keys", null, [401, 200, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 200]),
            new("POST /api/v1/api-keys", "/api/v1/api-keys", "{}", [401, 400, 403, 403, 403, 403, 403, 400, 403, 403, 403, 403, 403, 400]),
            new("DELETE /api/v1/api-keys/{id}", $"/api/v1/api-keys/{key}", null, [401, 404, 403, 403, 403, 403, 403, 204, 403, 403, 403, 403, 403, 404]),
            new("GET /api/v1/people", "/api/v1/people", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /api/v1/people/{id}", $"/api/v1/people/{person}", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404]),
            new("POST /api/v1/people/{id}/disable", $"/api/v1/people/{person}/disable", "", [401, 428, 403, 403, 403, 403, 403, 428, 403, 403, 403, 403, 403, 404]),
            new("POST /api/v1/people/{id}/enable", $"/api/v1/people/{person}/enable", "", [401, 428, 403, 403, 403, 403, 403, 428, 403, 403, 403, 403, 403, 404]),
            new("GET /api/v1/locator", "/api/v1/locator?near=Berlin,%20DE", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /api/v1/cities", "/api/v1/cities", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("POST /api/v1/product-lines", "/api/v1/product-lines", "{}", [401, 400, 403, 403, 403, 403, 403, 403, 403, 403, 403, 400, 403, 403]),
            new("PATCH /api/v1/product-lines/{id}", $"/api/v1/product-lines/{app.ProductLine}", "{}", [401, 428, 403, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("GET /api/v1/program", "/api/v1/program", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("PATCH /api/v1/program", "/api/v1/program", "{}", [401, 428, 403, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("GET /api/v1/audit", "/api/v1/audit", null, [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("POST /api/v1/auth/password-reset", "/api/v1/auth/password-reset", "{}", [400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
            new("POST /api/v1/auth/password-reset/confirm", "/api/v1/auth/password-reset/confirm", "{}", [400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
            new("POST /api/v1/auth/two-factor/setup", "/api/v1/auth/two-factor/setup", "", [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 200]),
            new("POST /api/v1/auth/two-factor/enable", "/api/v1/auth/two-factor/enable", "{}", [401, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 404, 404, 400]),
            new("POST /api/v1/auth/two-factor/disable", "/api/v1/auth/two-factor/disable", "", [401, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 404, 404, 204]),
            new("GET /api/v1/me", "/api/v1/me", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 200]),
            new("PATCH /api/v1/me", "/api/v1/me", "{}", [401, 428, 428, 428, 428, 428, 428, 428, 428, 428, 428, 404, 404, 428]),
            // deal registration (a registration of partner A's)                                    anon  vA   cm  vMk  vFi   ds   an   pA   pS  pMk  pSu keyV keyP comp
            new("GET /api/v1/deal-registrations", "/api/v1/deal-registrations", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200]),
            new("POST /api/v1/deal-registrations", "/api/v1/deal-registrations", "{}", [401, 403, 403, 403, 403, 403, 403, 400, 400, 403, 403, 403, 400, 400]),
            new("POST /api/v1/deal-registrations/check", "/api/v1/deal-registrations/check", "{}", [401, 403, 403, 403, 403, 403, 403, 400, 400, 403, 403, 403, 400, 400]),
            new("GET /api/v1/deal-registrations/{id}", $"/api/v1/deal-registrations/{deal}", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 404]),
            new("GET /api/v1/deal-registrations/{id}/history", $"/api/v1/deal-registrations/{deal}/history", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 404]),
            new("POST /api/v1/deal-registrations/{id}/approve", $"/api/v1/deal-registrations/{deal}/approve", "{}", [401, 428, 428, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("POST /api/v1/deal-registrations/{id}/reject", $"/api/v1/deal-registrations/{deal}/reject", "{}", [401, 428, 428, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("POST /api/v1/deal-registrations/{id}/reassign", $"/api/v1/deal-registrations/{deal}/reassign", "{}", [401, 428, 428, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("POST /api/v1/deal-registrations/{id}/extend", $"/api/v1/deal-registrations/{deal}/extend", "{}", [401, 403, 403, 403, 403, 403, 403, 428, 428, 403, 403, 403, 428, 404]),
            new("POST /api/v1/deal-registrations/{id}/stage", $"/api/v1/deal-registrations/{deal}/stage", "{}", [401, 403, 403, 403, 403, 403, 403, 428, 428, 403, 403, 403, 428, 404]),
            new("POST /api/v1/deal-registrations/{id}/won", $"/api/v1/deal-registrations/{deal}/won", "{}", [401, 403, 403, 403, 403, 403, 403, 428, 428, 403, 403, 403, 428, 404]),
            new("POST /api/v1/deal-registrations/{id}/lost", $"/api/v1/deal-registrations/{deal}/lost", "{}", [401, 403, 403, 403, 403, 403, 403, 428, 428, 403, 403, 403, 428, 404]),
            new("GET /api/v1/deal-rules", "/api/v1/deal-rules", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200]),
            new("PUT /api/v1/deal-rules", "/api/v1/deal-rules", "{}", [401, 428, 403, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("GET /api/v1/pipeline", "/api/v1/pipeline", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200]),
            new("GET /api/v1/direct-deals", "/api/v1/direct-deals", null, [401, 200, 403, 403, 403, 200, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("POST /api/v1/direct-deals", "/api/v1/direct-deals", "{}", [401, 400, 403, 403, 403, 400, 403, 403, 403, 403, 403, 400, 403, 403]),
            new("POST /api/v1/direct-deals/{id}/close", $"/api/v1/direct-deals/{none}/close", "", [401, 404, 403, 403, 403, 404, 403, 403, 403, 403, 403, 404, 403, 403]),
            new("GET /api/v1/named-accounts", "/api/v1/named-accounts", null, [401, 200, 403, 403, 403, 200, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("POST /api/v1/named-accounts", "/api/v1/named-accounts", "{}", [401, 400, 403, 403, 403, 400, 403, 403, 403, 403, 403, 400, 403, 403]),
            new("POST /api/v1/named-accounts/import", "/api/v1/named-accounts/import", "{}", [401, 400, 403, 403, 403, 400, 403, 403, 403, 403, 403, 400, 403, 403]),
            new("POST /api/v1/customer-accounts/{id}/aliases", $"/api/v1/customer-accounts/{none}/aliases", "{}", [401, 404, 403, 403, 403, 404, 403, 403, 403, 403, 403, 404, 403, 403]),
            // lead imports (the vendor's alone; an id nobody has)                                   anon  vA   cm  vMk  vFi   ds   an   pA   pS  pMk  pSu keyV keyP comp
            new("POST /api/v1/lead-imports", "/api/v1/lead-imports", "{}", [401, 400, 400, 400, 403, 403, 403, 403, 403, 403, 403, 400, 403, 403]),
            new("GET /api/v1/lead-imports", "/api/v1/lead-imports", null, [401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("GET /api/v1/lead-imports/{id}", $"/api/v1/lead-imports/{none}", null, [401, 404, 404, 404, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403]),
            new("POST /api/v1/lead-imports/{id}/start", $"/api/v1/lead-imports/{none}/start", "{}", [401, 404, 404, 404, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403]),
            new("GET /api/v1/lead-imports/{id}/errors", $"/api/v1/lead-imports/{none}/errors", null, [401, 404, 404, 404, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403]),
            // leads (a lead offered to partner A)                                                   anon  vA   cm  vMk  vFi   ds   an   pA   pS  pMk  pSu keyV keyP comp
            new("GET /api/v1/leads", "/api/v1/leads", null, [401, 200, 200, 200, 403, 200, 200, 200, 200, 403, 403, 200, 200, 200]),
            new("POST /api/v1/leads", "/api/v1/leads", "{}", [401, 400, 400, 400, 403, 403, 403, 403, 403, 403, 403, 400, 403, 403]),
            new("POST /api/v1/leads/batch", "/api/v1/leads/batch", "{}", [401, 400, 400, 400, 403, 403, 403, 403, 403, 403, 403, 400, 403, 403]),
            new("GET /api/v1/leads/funnel", "/api/v1/leads/funnel", null, [401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("GET /api/v1/leads/{id}", $"/api/v1/leads/{lead}", null, [401, 200, 200, 200, 403, 200, 200, 200, 200, 403, 403, 200, 200, 404]),
            new("GET /api/v1/leads/{id}/routing", $"/api/v1/leads/{lead}/routing", null, [401, 200, 200, 200, 403, 200, 200, 200, 200, 403, 403, 200, 200, 404]),
            new("GET /api/v1/leads/{id}/history", $"/api/v1/leads/{lead}/history", null, [401, 200, 200, 200, 403, 200, 200, 200, 200, 403, 403, 200, 200, 404]),
            new("POST /api/v1/leads/{id}/accept", $"/api/v1/leads/{lead}/accept", "{}", [401, 403, 403, 403, 403, 403, 403, 428, 428, 403, 403, 403, 428, 404]),
            new("POST /api/v1/leads/{id}/decline", $"/api/v1/leads/{lead}/decline", "{}", [401, 403, 403, 403, 403, 403, 403, 428, 428, 403, 403, 403, 428, 404]),
            new("POST /api/v1/leads/{id}/progress", $"/api/v1/leads/{lead}/progress", "{}", [401, 403, 403, 403, 403, 403, 403, 428, 428, 403, 403, 403, 428, 404]),
            new("POST /api/v1/leads/{id}/route", $"/api/v1/leads/{lead}/route", "{}", [401, 428, 428, 428, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("POST /api/v1/leads/{id}/direct-sales", $"/api/v1/leads/{lead}/direct-sales", "{}", [401, 428, 428, 428, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("POST /api/v1/leads/{id}/withdraw", $"/api/v1/leads/{lead}/withdraw", "{}", [401, 428, 428, 428, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("GET /api/v1/lead-settings", "/api/v1/lead-settings", null, [401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("PUT /api/v1/lead-settings", "/api/v1/lead-settings", "{}", [401, 428, 403, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            // lead rules: a simulation changes nothing, so the body "{}" (the saved rules against themselves) runs it
            new("POST /api/v1/lead-settings/simulate", "/api/v1/lead-settings/simulate", "{}", [401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            // webhooks (each organisation's own; an id nobody has)                                     anon  vA   cm  vMk  vFi   ds   an   pA   pS  pMk  pSu keyV keyP comp
            new("POST /api/v1/webhooks", "/api/v1/webhooks", "{}", [401, 400, 403, 403, 403, 403, 403, 400, 403, 403, 403, 400, 400, 400]),
            new("GET /api/v1/webhooks", "/api/v1/webhooks", null, [401, 200, 403, 403, 403, 403, 403, 200, 403, 403, 403, 200, 200, 200]),
            new("GET /api/v1/webhooks/{id}", $"/api/v1/webhooks/{none}", null, [401, 404, 403, 403, 403, 403, 403, 404, 403, 403, 403, 404, 404, 404]),
            new("DELETE /api/v1/webhooks/{id}", $"/api/v1/webhooks/{none}", null, [401, 404, 403, 403, 403, 403, 403, 404, 403, 403, 403, 404, 404, 404]),
            new("POST /api/v1/webhooks/{id}/rotate-secret", $"/api/v1/webhooks/{none}/rotate-secret", "", [401, 404, 403, 403, 403, 403, 403, 404, 403, 403, 403, 404, 404, 404]),
            new("GET /api/v1/webhooks/{id}/deliveries", $"/api/v1/webhooks/{none}/deliveries", null, [401, 404, 403, 403, 403, 403, 403, 404, 403, 403, 403, 404, 404, 404]),
            new("POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", $"/api/v1/webhooks/{none}/deliveries/{none}/redeliver", "",
                [401, 404, 403, 403, 403, 403, 403, 404, 403, 403, 403, 404, 404, 404]),
            new("POST /api/v1/deal-registrations/{id}/reverse", $"/api/v1/deal-registrations/{deal}/reverse", "{}", [401, 428, 428, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            // incentives: programs are read by all; splits by who sees the deal; earnings by their partner and the vendor; payouts by finance  anon  vA   cm  vMk  vFi   ds   an   pA   pS  pMk  pSu keyV keyP comp
            new("GET /api/v1/incentive-programs", "/api/v1/incentive-programs", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /api/v1/incentive-programs/{id}", $"/api/v1/incentive-programs/{none}", null, [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
            new("POST /api/v1/incentive-programs", "/api/v1/incentive-programs", "{}", [401, 400, 403, 403, 403, 403, 403, 403, 403, 403, 403, 400, 403, 403]),
            new("PUT /api/v1/incentive-programs/{id}", $"/api/v1/incentive-programs/{none}", "{}", [401, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403]),
            new("GET /api/v1/deal-registrations/{id}/splits", $"/api/v1/deal-registrations/{deal}/splits", null, [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 404]),
            new("PUT /api/v1/deal-registrations/{id}/splits", $"/api/v1/deal-registrations/{deal}/splits", "{}", [401, 428, 428, 403, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("GET /api/v1/exchange-rates", "/api/v1/exchange-rates", null, [401, 200, 200, 403, 200, 403, 200, 200, 200, 403, 403, 200, 200, 200]),
            new("PUT /api/v1/exchange-rates", "/api/v1/exchange-rates", "{}", [401, 403, 403, 403, 400, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("GET /api/v1/accruals", "/api/v1/accruals", null, [401, 200, 200, 403, 200, 403, 200, 200, 200, 403, 403, 200, 200, 200]),
            new("GET /api/v1/accruals/{id}", $"/api/v1/accruals/{accrual}", null, [401, 200, 200, 403, 200, 403, 200, 200, 200, 403, 403, 200, 200, 404]),
            new("POST /api/v1/accruals/{id}/disputes", $"/api/v1/accruals/{accrual}/disputes", "{}", [401, 403, 403, 403, 403, 403, 403, 400, 400, 403, 403, 403, 400, 404]),
            new("POST /api/v1/accruals/recalculate", "/api/v1/accruals/recalculate", "{}", [401, 403, 403, 403, 400, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("GET /api/v1/statements/{period}", $"/api/v1/statements/2026-10?partnerId={a}", null, [401, 200, 200, 403, 200, 403, 200, 200, 200, 403, 403, 200, 200, 404]),
            new("GET /api/v1/disputes", "/api/v1/disputes", null, [401, 200, 200, 403, 200, 403, 200, 200, 200, 403, 403, 200, 200, 200]),
            new("GET /api/v1/disputes/{id}", $"/api/v1/disputes/{dispute}", null, [401, 200, 200, 403, 200, 403, 200, 200, 200, 403, 403, 200, 200, 404]),
            new("POST /api/v1/disputes/{id}/resolve", $"/api/v1/disputes/{dispute}/resolve", "{}", [401, 403, 403, 403, 428, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("POST /api/v1/payout-batches", "/api/v1/payout-batches", "{}", [401, 403, 403, 403, 400, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("GET /api/v1/payout-batches", "/api/v1/payout-batches", null, [401, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("GET /api/v1/payout-batches/{id}", $"/api/v1/payout-batches/{none}", null, [401, 403, 403, 403, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("GET /api/v1/payout-batches/{id}/partners", $"/api/v1/payout-batches/{none}/partners", null, [401, 403, 403, 403, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("GET /api/v1/payout-batches/{id}/lines.csv", $"/api/v1/payout-batches/{none}/lines.csv", null, [401, 403, 403, 403, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("POST /api/v1/payout-batches/{id}/approve", $"/api/v1/payout-batches/{none}/approve", "", [401, 403, 403, 403, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("POST /api/v1/payout-batches/{id}/pay", $"/api/v1/payout-batches/{none}/pay", "", [401, 403, 403, 403, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("POST /api/v1/payout-batches/{id}/discard", $"/api/v1/payout-batches/{none}/discard", "", [401, 403, 403, 403, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            // market development funds: vendor marketing decides; partners request and claim for their own company   anon  vA   cm  vMk  vFi   ds   an   pA   pS  pMk  pSu keyV keyP comp
            new("GET /api/v1/fund-pools", "/api/v1/fund-pools", null, [401, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("POST /api/v1/fund-pools", "/api/v1/fund-pools", "{}", [401, 400, 403, 400, 403, 403, 403, 403, 403, 403, 403, 400, 403, 403]),
            new("POST /api/v1/fund-pools/{id}/budgets", $"/api/v1/fund-pools/{none}/budgets", "{}", [401, 404, 403, 404, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403]),
            new("GET /api/v1/fund-budgets", "/api/v1/fund-budgets", null, [401, 200, 200, 200, 200, 403, 200, 200, 403, 200, 403, 200, 200, 200]),
            new("GET /api/v1/campaign-themes", "/api/v1/campaign-themes", null, [401, 200, 200, 200, 200, 403, 200, 200, 403, 200, 403, 200, 200, 200]),
            new("POST /api/v1/campaign-themes", "/api/v1/campaign-themes", "{}", [401, 400, 403, 400, 403, 403, 403, 403, 403, 403, 403, 400, 403, 403]),
            new("PUT /api/v1/campaign-themes/{id}", $"/api/v1/campaign-themes/{none}", "{}", [401, 404, 403, 404, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403]),
            new("GET /api/v1/fund-requests", "/api/v1/fund-requests", null, [401, 200, 200, 200, 200, 403, 200, 200, 403, 200, 403, 200, 200, 200]),
            new("POST /api/v1/fund-requests", "/api/v1/fund-requests", "{}", [401, 403, 403, 403, 403, 403, 403, 400, 403, 400, 403, 403, 400, 400]),
            new("GET /api/v1/fund-requests/{id}", $"/api/v1/fund-requests/{fundRequest}", null, [401, 200, 200, 200, 200, 403, 200, 200, 403, 200, 403, 200, 200, 404]),
            new("POST /api/v1/fund-requests/{id}/decide", $"/api/v1/fund-requests/{fundRequest}/decide", "{}", [401, 428, 403, 428, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("POST /api/v1/fund-requests/{id}/claims", $"/api/v1/fund-requests/{fundRequest}/claims", "{}", [401, 403, 403, 403, 403, 403, 403, 400, 403, 400, 403, 403, 400, 404]),
            new("GET /api/v1/fund-claims", "/api/v1/fund-claims", null, [401, 200, 200, 200, 200, 403, 200, 200, 403, 200, 403, 200, 200, 200]),
            new("GET /api/v1/fund-claims/{id}", $"/api/v1/fund-claims/{fundClaim}", null, [401, 200, 200, 200, 200, 403, 200, 200, 403, 200, 403, 200, 200, 404]),
            new("POST /api/v1/fund-claims/{id}/decide", $"/api/v1/fund-claims/{fundClaim}/decide", "{}", [401, 428, 403, 428, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("GET /api/v1/fund-claims/{id}/files/{fileId}", $"/api/v1/fund-claims/{fundClaim}/files/{proof}", null, [401, 200, 200, 200, 200, 403, 200, 200, 403, 200, 403, 200, 200, 404]),
            new("PUT /api/v1/deal-registrations/{id}/activity", $"/api/v1/deal-registrations/{deal}/activity", "{}", [401, 428, 428, 428, 403, 403, 403, 428, 403, 428, 403, 428, 428, 404]),
            new("PUT /api/v1/leads/{id}/activity", $"/api/v1/leads/{lead}/activity", "{}", [401, 428, 403, 428, 403, 403, 403, 403, 403, 403, 403, 428, 403, 403]),
            new("GET /api/v1/fund-return", "/api/v1/fund-return", null, [401, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            // pages (a bearer token authenticates a page request too; anonymous visitors are sent to sign in)
            new("GET /", "/", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /signin", "/signin", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /denied", "/denied", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /not-found", "/not-found", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /partners", "/partners", null, [302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /me", "/me", null, [302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /people", "/people", null, [302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /notifications", "/notifications", null, [302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /audit", "/audit", null, [302, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("GET /jobs", "/jobs", null, [302, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("GET /program", "/program", null, [302, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("GET /_framework/opaque-redirect", "/_framework/opaque-redirect", null, [400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400]),
            new("GET /forgot-password", "/forgot-password", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /reset-password", "/reset-password", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /apply", "/apply", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /locator", "/locator?near=Berlin,%20DE", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /invitations/{Token}", "/invitations/no-such-token", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /agreement", "/agreement", null, [302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /partners/{Id}/edit", $"/partners/{a}/edit", null, [302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404]),
            new("GET /deals", "/deals", null, [302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200]),
            new("GET /deals/new", "/deals/new", null, [302, 403, 403, 403, 403, 403, 403, 200, 200, 403, 403, 403, 200, 200]),
            new("GET /deals/queue", "/deals/queue", null, [302, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("GET /deals/{Id}", $"/deals/{deal}", null, [302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 404]),
            new("GET /deal-rules", "/deal-rules", null, [302, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("GET /lead-rules", "/lead-rules", null, [302, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("GET /lead-rules/simulate", "/lead-rules/simulate", null, [302, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("GET /pipeline", "/pipeline", null, [302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200]),
            new("GET /lead-form", "/lead-form", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /leads", "/leads", null, [302, 200, 200, 200, 403, 200, 200, 200, 200, 403, 403, 200, 200, 200]),
            new("GET /leads/funnel", "/leads/funnel", null, [302, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("GET /leads/import", "/leads/import", null, [302, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("GET /leads/import/{Id}", $"/leads/import/{none}", null, [302, 404, 404, 404, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403]),
            new("GET /leads/{Id}", $"/leads/{lead}", null, [302, 200, 200, 200, 403, 200, 200, 200, 200, 403, 403, 200, 200, 404]),
            new("GET /incentives", "/incentives", null, [302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            new("GET /incentives/new", "/incentives/new", null, [302, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("GET /incentives/{Id}/edit", $"/incentives/{none}/edit", null, [302, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403]),
            new("GET /earnings", "/earnings", null, [302, 200, 200, 403, 200, 403, 200, 200, 200, 403, 403, 200, 200, 200]),
            new("GET /earnings/lines/{Id}", $"/earnings/lines/{accrual}", null, [302, 200, 200, 403, 200, 403, 200, 200, 200, 403, 403, 200, 200, 404]),
            new("GET /disputes", "/disputes", null, [302, 200, 200, 403, 200, 403, 200, 200, 200, 403, 403, 200, 200, 200]),
            new("GET /exchange-rates", "/exchange-rates", null, [302, 200, 200, 403, 200, 403, 200, 200, 200, 403, 403, 200, 200, 200]),
            new("GET /payouts", "/payouts", null, [302, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("GET /payouts/{Id}", $"/payouts/{none}", null, [302, 403, 403, 403, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            new("GET /funds", "/funds", null, [302, 200, 200, 200, 200, 403, 200, 200, 403, 200, 403, 200, 200, 200]),
            new("GET /funds/requests/{Id}", $"/funds/requests/{fundRequest}", null, [302, 200, 200, 200, 200, 403, 200, 200, 403, 200, 403, 200, 200, 404]),
            new("GET /funds/return", "/funds/return", null, [302, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("GET /funds/planning", "/funds/planning", null, [302, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403]),
            new("GET /partners/{Id}", $"/partners/{a}", null, [302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404]),
            // webhook pages: admins only; a subscription of partner A's, which the vendor does not see either
            new("GET /webhooks", "/webhooks", null, [302, 200, 403, 403, 403, 403, 403, 200, 403, 403, 403, 200, 200, 200]),
            new("GET /webhooks/{Id}", $"/webhooks/{hook}", null, [302, 404, 403, 403, 403, 403, 403, 200, 403, 403, 403, 404, 200, 404]),
        ];
    }

    [Fact]
    public void Every_endpoint_of_the_app_is_in_the_table()
    {
        var known = Table().Select(r => r.Endpoint).ToHashSet();
        var unknown = AppEndpoints().Where(e => !known.Contains(e)).ToList();
        unknown.ShouldBeEmpty("Add these endpoints to the authorization matrix: " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task Every_caller_gets_the_status_written_for_it()
    {
        var endpoints = AppEndpoints().ToHashSet();
        var failures = new StringBuilder();
        foreach (var row in Table())
        {
            endpoints.ShouldContain(row.Endpoint, "The table names an endpoint the app does not have.");
            row.Expected.Length.ShouldBe(Callers.Length, row.Endpoint);
            var method = row.Endpoint[..row.Endpoint.IndexOf(' ', StringComparison.Ordinal)];
            for (var i = 0; i < Callers.Length; i++)
            {
                var client = await app.ClientFor(Callers[i]);
                using var request = new HttpRequestMessage(new HttpMethod(method), row.Path);
                if (row.Body is not null) request.Content = new StringContent(row.Body, Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode != row.Expected[i])
                    failures.AppendLine($"{row.Endpoint} as {Callers[i] ?? "anonymous"}: expected {row.Expected[i]}, got {(int)response.StatusCode}");
            }
        }
        failures.ToString().ShouldBeEmpty(Header);
    }

    private IEnumerable<string> AppEndpoints()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (pattern.Length > 1 && endpoint.RoutePattern.RawText!.EndsWith('/')) pattern = pattern.TrimEnd('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var m in methods.Where(m => m is not ("HEAD" or "OPTIONS")))
            {
                // Pages also accept POST for their forms; only pages with forms of their own are probed for POST (by the browser tests).
                if (m == "POST" && endpoint.Metadata.Any(x => x.GetType().Name == "ComponentTypeMetadata")) continue;
                yield return $"{m} {pattern}";
            }
        }
    }
}

/// <summary>The matrix fixture: API keys for the vendor and partner A, a person and a key of A to act on.</summary>
public sealed class MatrixFactory : ValuewebFactory
{
    public const string VendorKeyCaller = "key:vendor";
    public const string PartnerKeyCaller = "key:partner";
    private const string VendorKey = "vwk_matrix_vendor_key_0123456789abcdef";
    private const string PartnerKey = "vwk_matrix_partner_key_0123456789abcdef";
    public Guid AlpenglowId { get; private set; }
    public Guid ProbePerson { get; private set; }
    public Guid VictimKey { get; private set; }
    public Guid ProductLine { get; private set; }
    public Guid AlpenglowDeal { get; private set; }
    public Guid AlpenglowLead { get; private set; }
    public Guid AlpenglowAccrual { get; private set; }
    public Guid AlpenglowDispute { get; private set; }
    public Guid AlpenglowFundRequest { get; private set; }
    public Guid AlpenglowFundClaim { get; private set; }
    public Guid AlpenglowProof { get; private set; }
    public Guid AlpenglowWebhook { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        AlpenglowId = await PartnerIdBySlug("alpenglow");
        ProductLine = await Db(db => db.ProductLines.Select(l => l.Id).FirstAsync());
        AlpenglowDeal = await Db(db => db.DealRegistrations.Where(r => r.PartnerId == AlpenglowId).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        AlpenglowLead = await Db(db => db.Leads.Where(l => l.PartnerId == AlpenglowId && l.Status == Valueweb.Features.Leads.LeadStatus.Offered).Select(l => l.Id).FirstAsync());
        AlpenglowFundClaim = await Db(db => db.FundClaims.Where(c => c.PartnerId == AlpenglowId).Select(c => c.Id).FirstAsync());
        AlpenglowFundRequest = await Db(db => db.FundClaims.Where(c => c.Id == AlpenglowFundClaim).Select(c => c.RequestId).FirstAsync());
        AlpenglowProof = await Db(db => db.FundClaimFiles.Where(f => f.ClaimId == AlpenglowFundClaim).Select(f => f.FileId).FirstAsync());
        AlpenglowDispute = await Db(db => db.AccrualDisputes.Where(d => d.PartnerId == AlpenglowId).Select(d => d.Id).FirstAsync());
        AlpenglowAccrual = await Db(db => db.Accruals.Where(a => a.PartnerId == AlpenglowId).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        var vendor = await Db(db => db.Organisations.Where(o => o.Kind == OrganisationKind.Vendor).Select(o => o.Id).SingleAsync());
        (ProbePerson, VictimKey) = await Db(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            string all = string.Join(' ', AccessPolicy.AllScopes);
            db.ApiKeys.Add(new ApiKey { OrganisationId = vendor, Name = "matrix", Prefix = VendorKey[..12], Hash = ApiKeyAuthentication.HashKey(VendorKey), Scopes = all, CreatedAt = now });
            db.ApiKeys.Add(new ApiKey { OrganisationId = AlpenglowId, Name = "matrix", Prefix = PartnerKey[..12], Hash = ApiKeyAuthentication.HashKey(PartnerKey), Scopes = all, CreatedAt = now });
            var victim = new ApiKey { OrganisationId = AlpenglowId, Name = "victim", Prefix = "vwk_victim", Hash = "victim-key-hash", Scopes = "partners:read", CreatedAt = now };
            db.ApiKeys.Add(victim);
            var person = new Person { OrganisationId = AlpenglowId, Name = "Probe Person", Email = "probe@alpenglow.demo", Role = Role.PartnerSales, CreatedAt = now };
            db.People.Add(person);
            await db.SaveChangesAsync();
            return (person.Id, victim.Id);
        });
        AlpenglowWebhook = await Db(async db =>
        {
            // Disabled, so that it hears none of the events the probes may cause.
            var hook = new WebhookSubscription
            {
                OrganisationId = AlpenglowId,
                Url = "https://hooks.alpenglow.example/matrix",
                EventTypes = "*",
                Active = false,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.WebhookSubscriptions.Add(hook);
            await db.SaveChangesAsync();
            return hook.Id;
        });
    }

    public async Task<HttpClient> ClientFor(string? caller)
    {
        if (caller is null) return Anonymous();
        if (caller is VendorKeyCaller or PartnerKeyCaller)
        {
            var client = Anonymous();
            client.DefaultRequestHeaders.Authorization = new("Bearer", caller == VendorKeyCaller ? VendorKey : PartnerKey);
            return client;
        }
        return await ApiAs(caller);
    }
}
