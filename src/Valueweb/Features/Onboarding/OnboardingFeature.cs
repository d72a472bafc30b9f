using Valueweb.Platform.Jobs;

namespace Valueweb.Features.Onboarding;

public static class OnboardingFeature
{
    public static IServiceCollection AddOnboardingFeature(this IServiceCollection services)
    {
        services.AddScoped<OnboardingCommands>();
        services.AddScoped<Invitations>();
        services.AddScoped<IJobHandler, ApplicationOverdueJob>();
        services.AddScoped<IJobHandler, AgreementReviewJob>();
        return services;
    }
}
