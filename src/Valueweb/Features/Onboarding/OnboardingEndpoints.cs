using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Onboarding;

public sealed record InvitationRequest(string? Email, string? Name, string? Role, Guid? OrganisationId);

public sealed record InvitationReceipt(Guid Id, string Email, string Role, DateTimeOffset ExpiresAt);

public sealed record AcceptInvitationRequest(string? Token, string? Password);

public sealed record AgreementView(Guid Id, int Version, string Title, string Text, DateTimeOffset PublishedAt, DateTimeOffset? ReviewDueAt, bool AcceptedByMyCompany);

public sealed record AcceptAgreementRequest(int? Version);

public sealed record PublishAgreementRequest(string? Title, string? Text, DateTimeOffset? ReviewDueAt);

public static class OnboardingEndpoints
{
    public static IEndpointRouteBuilder MapOnboardingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/applications", Apply).WithTags("Onboarding").AllowAnonymous().RequireRateLimiting(RateLimits.Application).WithIdempotency()
            .Accepts<PartnerApplication>("application/json").Produces<ApplicationReceipt>(201).ProducesValidationProblem();
        var invitations = app.MapGroup("/api/v1/invitations").WithTags("People");
        invitations.MapPost("/", Invite).RequirePermission(Permission.ManageOwnPeople).WithIdempotency()
            .Accepts<InvitationRequest>("application/json").Produces<InvitationReceipt>(201).ProducesValidationProblem().ProducesProblem(404);
        invitations.MapPost("/accept", AcceptInvitation).AllowAnonymous().RequireRateLimiting(RateLimits.PasswordReset)
            .Accepts<AcceptInvitationRequest>("application/json").Produces(204).ProducesValidationProblem();
        var agreement = app.MapGroup("/api/v1/agreement").WithTags("Onboarding");
        agreement.MapGet("/", GetAgreement).RequirePermission(Permission.SignedIn);
        agreement.MapPost("/accept", AcceptAgreement).RequirePermission(Permission.AcceptAgreement)
            .Accepts<AcceptAgreementRequest>("application/json").Produces(204).ProducesValidationProblem();
        app.MapPost("/api/v1/program/agreements", Publish).WithTags("Program").RequirePermission(Permission.ManageProgram).WithIdempotency()
            .Accepts<PublishAgreementRequest>("application/json").Produces<AgreementView>(201).ProducesValidationProblem().ProducesProblem(409);
        return app;
    }

    private static async Task<IResult> Apply(HttpRequest request, OnboardingCommands commands, ValuewebDb db, IdempotencyContext idem,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync<PartnerApplication>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        db.Tenant.Become(true, Guid.Empty);
        var (errors, receipt) = await commands.ApplyAsync(body!, ct);
        if (errors is not null) return Problems.Invalid(errors);
        return await db.CommitCreatedAsync(idem, json, clock, $"/api/v1/applications/{receipt!.Id}", receipt, ct);
    }

    private static async Task<IResult> Invite(HttpRequest request, ValuewebDb db, CurrentActor current, Invitations invitations, Journal journal,
        IdempotencyContext idem, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        // the organisation is named in the body (or is the caller's own), so the body is read first
        var (body, bodyErrors) = await JsonBody.ReadAsync<InvitationRequest>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var actor = current.Required;
        var orgId = body!.OrganisationId ?? actor.OrganisationId;
        // visibility first: a partner naming another company's id gets the answer a missing company gets
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null || (org.Id != actor.OrganisationId && !actor.IsVendor)) return Problems.NotFound();
        var (errors, role) = await invitations.CheckAsync(org, body.Email, body.Name, body.Role, ct);
        if (errors.Any) return Problems.Invalid(errors);
        invitations.Issue(org.Id, body.Email!, body.Name!, role!.Value, actor.PersonId, org.DisplayName);
        var invitation = db.ChangeTracker.Entries<Invitation>().Select(e => e.Entity).Last();
        journal.Audit("person.invited", "invitation", invitation.Id, $"{invitation.Email} as {role}");
        var receipt = new InvitationReceipt(invitation.Id, invitation.Email, role.Value.ToString(), invitation.ExpiresAt);
        return await db.CommitCreatedAsync(idem, json, clock, $"/api/v1/invitations/{invitation.Id}", receipt, ct);
    }

    private static async Task<IResult> AcceptInvitation(HttpRequest request, Invitations invitations, ValuewebDb db, CancellationToken ct)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync<AcceptInvitationRequest>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        db.Tenant.Become(true, Guid.Empty);
        var (errors, _) = await invitations.AcceptAsync(body!.Token, body.Password, ct);
        return errors is not null ? Problems.Invalid(errors) : TypedResults.NoContent();
    }

    private static async Task<IResult> GetAgreement(OnboardingCommands commands, ValuewebDb db, CurrentActor current, CancellationToken ct)
    {
        var a = await commands.CurrentAgreementAsync(ct);
        if (a is null) return Problems.NotFound();
        var accepted = !current.Required.IsVendor && await db.AgreementAcceptances.AnyAsync(x => x.PartnerId == current.Required.OrganisationId && x.Version == a.Version, ct);
        return TypedResults.Ok(new AgreementView(a.Id, a.Version, a.Title, a.Text, a.PublishedAt, a.ReviewDueAt, accepted));
    }

    private static async Task<IResult> AcceptAgreement(HttpRequest request, OnboardingCommands commands, CancellationToken ct)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync<AcceptAgreementRequest>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var result = await commands.AcceptAgreementAsync(body!.Version, ct);
        return result.Outcome switch
        {
            CommandOutcome.Invalid => Problems.Invalid(result.Errors!),
            CommandOutcome.Forbidden => TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Only your company's admin accepts the agreement."),
            _ => TypedResults.NoContent(),
        };
    }

    private static async Task<IResult> Publish(HttpRequest request, OnboardingCommands commands, ValuewebDb db, IdempotencyContext idem,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync<PublishAgreementRequest>(request);
        if (bodyErrors is not null) return Problems.Invalid(bodyErrors);
        var (errors, a) = await commands.PublishAgreementAsync(body!.Title, body.Text, body.ReviewDueAt, ct);
        if (errors is not null) return Problems.Invalid(errors);
        var view = new AgreementView(a!.Id, a.Version, a.Title, a.Text, a.PublishedAt, a.ReviewDueAt, false);
        try
        {
            return await db.CommitCreatedAsync(idem, json, clock, "/api/v1/agreement", view, ct);
        }
        catch (DbUpdateException)
        {
            if (!await commands.PublishedMeanwhileAsync(a, ct)) throw;
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Published meanwhile", detail: OnboardingCommands.PublishedMeanwhile(a.Version));
        }
    }
}
