using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Valueweb.Data;
using Valueweb.Features.Partners;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Leads;

/// <summary>What the partner's commands (<see cref="LeadWork"/>) and the vendor's (<see cref="LeadDesk"/>) on a lead share.</summary>
public static class LeadCommand
{
    /// <summary>Its own transaction, unless the caller (the demo seeding) already holds one.</summary>
    public static async Task<IDbContextTransaction?> BeginAsync(ValuewebDb db, CancellationToken ct) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;

    public static readonly CommandResult IfMatchMissing = new(CommandOutcome.Conflict, Message: "if-match");

    public static CommandResult Invalid(string field, string message) => CommandResult.Invalid(new FieldErrors().Add(field, message));

    /// <summary>Saves the lead at its next version and commits; a version someone else saved meanwhile is stale.</summary>
    public static async Task<CommandResult> SaveAsync(ValuewebDb db, Lead lead, IDbContextTransaction? tx, CancellationToken ct)
    {
        lead.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
            if (tx is not null) await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Stale;
        }
        return CommandResult.Done(lead.Version);
    }

    /// <summary>
    /// The HTTP answer to a command: its refusal as a problem, else the lead as the caller sees it now with its ETag, or
    /// 204 when the lead has just left the caller's view (a partner declining it).
    /// </summary>
    public static async Task<IResult> AnswerAsync(CommandResult result, Guid leadId, LeadViews views, HttpRequest request, string forbidden, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case CommandOutcome.NotFound: return Problems.NotFound();
            case CommandOutcome.Forbidden: return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: forbidden);
            case CommandOutcome.Conflict: return Problems.PreconditionRequired();
            case CommandOutcome.Stale: return Problems.PreconditionFailed();
            case CommandOutcome.Invalid: return Problems.Invalid(result.Errors!);
        }
        if (await views.DetailAsync(leadId, ct) is not { } detail) return Results.NoContent();
        request.HttpContext.Response.Headers.ETag = ETags.For(detail.Version);
        return TypedResults.Ok(detail);
    }
}
