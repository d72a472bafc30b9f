namespace Valueweb.Features.Notifications;

public static class NotificationFeature
{
    public static IServiceCollection AddNotificationFeature(this IServiceCollection services) => services.AddScoped<Notifier>();
}
