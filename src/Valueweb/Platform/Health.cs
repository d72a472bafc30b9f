using Valueweb.Data;

namespace Valueweb.Platform;

public static class Health
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (Readiness readiness, ValuewebDb db, CancellationToken ct) =>
            readiness.IsReady && await db.Database.CanConnectAsync(ct)
                ? Results.Text("ok")
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: "Migration or seeding is not finished, or the database does not answer."))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
