using Microsoft.Extensions.Options;
using Valueweb.Data;
using Valueweb.Platform.Access;
using Valueweb.Platform.Api;
using Valueweb.Platform.Jobs;

namespace Valueweb.Platform;

public static class PlatformRegistration
{
    public static IServiceCollection AddValuewebPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ValuewebOptions>().Bind(configuration.GetSection("Valueweb")).PostConfigure(o =>
        {
            if (configuration["Valueweb:SeedDemo"] is null) o.SeedDemo = o.Database == DatabaseEngine.Sqlite;
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Readiness>();
        services.AddScoped<TenantScope>(_ => TenantScope.Nobody());
        services.AddDbContext<ValuewebDb>((sp, b) => DatabaseRegistration.Configure(b, sp.GetRequiredService<IOptions<ValuewebOptions>>().Value));
        services.AddHostedService<StartupWork>();
        services.AddSingleton<JobSignal>();
        services.AddScoped<JobQueue>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        services.AddScoped<IJobHandler, Mail.EmailJob>();
        DatabaseKeyRing.AddDatabaseKeyRing(services);
        services.AddHttpContextAccessor();
        services.AddScoped<Journal>();
        services.AddScoped<IdempotencyContext>();
        services.AddValuewebProblems();
        services.AddValuewebRateLimits(configuration);
        services.AddAntiforgery();
        services.AddOpenApi(o => o.AddDocumentTransformer<SecuritySchemes>());
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        return services;
    }

    public static WebApplication UseValuewebPlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (!http.Request.Path.StartsWithSegments("/api") || http.Response.HasStarted || http.Response.ContentLength > 0) return;
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http });
        });
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<ActorResolution>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseIdempotencyBuffering();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
