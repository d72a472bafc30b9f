using Microsoft.AspNetCore.Authentication;
using Valueweb.Platform.Access;

namespace Valueweb.Features.Identity;

public static class SignOutEndpoint
{
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(ValuewebClaims.CookieScheme);
            return Results.Redirect("/signin");
        }).ExcludeFromDescription();
        return app;
    }
}
