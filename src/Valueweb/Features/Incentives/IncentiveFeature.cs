namespace Valueweb.Features.Incentives;

/// <summary>Incentives and payouts (M4): programs, accruals, statements, disputes, exchange rates and payout batches.</summary>
public static class IncentiveFeature
{
    public static IServiceCollection AddIncentiveFeature(this IServiceCollection services) => services
        .AddScoped<AccrualBook>()
        .AddScoped<Disputes>()
        .AddScoped<EarningsViews>()
        .AddScoped<Payouts>()
        .AddScoped<PayoutViews>();

    public static IEndpointRouteBuilder MapIncentiveFeature(this IEndpointRouteBuilder app)
    {
        app.MapIncentiveProgramEndpoints();
        app.MapDealSplitEndpoints();
        app.MapExchangeRateEndpoints();
        app.MapEarningsEndpoints();
        app.MapPayoutEndpoints();
        return app;
    }
}
