namespace Valueweb.Features.Partners;

public static class PartnerFeature
{
    public static IServiceCollection AddPartnerFeature(this IServiceCollection services) =>
        services.AddScoped<PartnerCommands>();
}
