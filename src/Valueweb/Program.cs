using Valueweb.Features.Audit;
using Valueweb.Features.Catalog;
using Valueweb.Features.Deals;
using Valueweb.Features.Funds;
using Valueweb.Features.Identity;
using Valueweb.Features.Incentives;
using Valueweb.Features.Leads;
using Valueweb.Features.Locator;
using Valueweb.Features.Notifications;
using Valueweb.Features.Onboarding;
using Valueweb.Features.Organisations;
using Valueweb.Features.Partners;
using Valueweb.Features.Webhooks;
using Valueweb.Platform;
using Valueweb.Platform.Access;
using Valueweb.Platform.Cli;
using Valueweb.Platform.Jobs;
using Valueweb.Ui;

return await ValuewebCli.RunAsync(args, BuildApp);

static WebApplication BuildApp(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Configuration.AddInMemoryCollection(EnvironmentSettings.FromVariables());

    builder.Services.AddValuewebPlatform(builder.Configuration);
    builder.Services.AddValuewebAccess();
    builder.Services.AddScoped<PasswordResets>();
    builder.Services.AddPartnerFeature();
    builder.Services.AddOnboardingFeature();
    builder.Services.AddNotificationFeature();
    builder.Services.AddDealFeature();
    builder.Services.AddLeadFeature();
    builder.Services.AddWebhookFeature();
    builder.Services.AddIncentiveFeature();
    builder.Services.AddFundFeature();
    builder.Services.AddRazorComponents();

    var app = builder.Build();
    app.UseValuewebPlatform();
    app.MapHealth();
    app.MapAuthEndpoints();
    app.MapAccountEndpoints();
    app.MapSignOut();
    app.MapCatalogEndpoints();
    app.MapPartnerEndpoints();
    app.MapPartnerWriteEndpoints();
    app.MapOnboardingEndpoints();
    app.MapNotificationEndpoints();
    app.MapJobEndpoints();
    app.MapApiKeyEndpoints();
    app.MapPeopleEndpoints();
    app.MapMeEndpoints();
    app.MapLocatorEndpoints();
    app.MapProgramEndpoints();
    app.MapAuditEndpoints();
    app.MapDealEndpoints();
    app.MapDealRulesEndpoints();
    app.MapDirectSalesEndpoints();
    app.MapLeadFeature();
    app.MapWebhookFeature();
    app.MapIncentiveFeature();
    app.MapFundFeature();
    app.MapRazorComponents<App>();
    return app;
}

/// <summary>Lets the test host find the application's entry point.</summary>
public partial class Program;
