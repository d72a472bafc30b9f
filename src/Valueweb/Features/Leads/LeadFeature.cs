using Valueweb.Features.Leads.Import;
using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Leads;

public static class LeadFeature
{
    public static IServiceCollection AddLeadFeature(this IServiceCollection services) => services
        .AddScoped<LeadRouter>()
        .AddScoped<LeadIntake>()
        .AddScoped<LeadWork>()
        .AddScoped<LeadDesk>()
        .AddScoped<LeadViews>()
        .AddScoped<LeadFunnel>()
        .AddScoped<IJobHandler, LeadDeadlineJob>()
        .AddScoped<IJobHandler, LeadReminderJob>()
        .AddScoped<LeadImporter>()
        .AddScoped<IJobHandler, LeadImportJob>()
        .AddScoped<IJobHandler, LeadRoutingQueueJob>();

    public static IEndpointRouteBuilder MapLeadFeature(this IEndpointRouteBuilder app)
    {
        app.MapLeadIntakeEndpoints();
        app.MapLeadEndpoints();
        app.MapLeadDeskEndpoints();
        app.MapLeadSettingsEndpoints();
        app.MapLeadImportEndpoints();
        app.MapLeadSimulationEndpoints();
        return app;
    }
}
