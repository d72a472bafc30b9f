using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Deals;

public static class DealFeature
{
    public static IServiceCollection AddDealFeature(this IServiceCollection services) => services
        .AddScoped<ConflictDetector>()
        .AddScoped<DealRegistering>()
        .AddScoped<DealDecisions>()
        .AddScoped<DealViews>()
        .AddScoped<Pipeline>()
        .AddScoped<IJobHandler, DealExpiryJob>()
        .AddScoped<IJobHandler, DealReminderJob>();
}
