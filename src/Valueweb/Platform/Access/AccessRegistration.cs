using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Valueweb.Data;
using Valueweb.Features.Identity;

namespace Valueweb.Platform.Access;

public static class AccessRegistration
{
    public static IServiceCollection AddValuewebAccess(this IServiceCollection services)
    {
        services.AddScoped<CurrentActor>();
        services.AddAuthentication(ValuewebClaims.SelectorScheme)
            .AddPolicyScheme(ValuewebClaims.SelectorScheme, "cookie, bearer token or API key", o => o.ForwardDefaultSelector = context =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (ApiKeyAuthentication.LooksLikeKey(header)) return ValuewebClaims.ApiKeyScheme;
                if (header.StartsWith("Bearer ", StringComparison.Ordinal)) return ValuewebClaims.BearerScheme;
                return ValuewebClaims.CookieScheme;
            })
            .AddBearerToken(ValuewebClaims.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ValuewebClaims.ApiKeyScheme, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "valueweb";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
            }));

        services.AddIdentityCore<Account>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<ValuewebDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AccountClaims>()
            .AddDefaultTokenProviders();

        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));
        services.AddAuthorization(o =>
        {
            foreach (var permission in Enum.GetValues<Permission>())
                o.AddPolicy(permission.ToString(), p => p.AddRequirements(new PermissionRequirement(permission)));
        });
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        return services;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Requires a permission of the table, checked against the actor resolved for this request.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(permission.ToString());
}

public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

internal sealed class PermissionHandler(CurrentActor current) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (current.Value is { } actor && actor.May(requirement.Permission)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>Puts the person's id into the principal that the cookie or bearer token carries.</summary>
internal sealed class AccountClaims(UserManager<Account> users, Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account>(users, options)
{
    protected override async Task<System.Security.Claims.ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new System.Security.Claims.Claim(ValuewebClaims.Person, user.PersonId.ToString()));
        return identity;
    }
}
