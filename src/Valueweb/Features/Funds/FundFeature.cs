using Valueweb.Platform.Files;

namespace Valueweb.Features.Funds;

/// <summary>Market development funds (M5): pools, budgets, themes, requests, claims with proof files, return on funds.</summary>
public static class FundFeature
{
    public static IServiceCollection AddFundFeature(this IServiceCollection services) => services
        .AddScoped<IFileStore, DatabaseFileStore>()
        .AddScoped<FundPlanning>()
        .AddScoped<FundClaims>()
        .AddScoped<FundViews>()
        .AddScoped<FundReturn>();

    public static IEndpointRouteBuilder MapFundFeature(this IEndpointRouteBuilder app) => app.MapFundEndpoints();
}
