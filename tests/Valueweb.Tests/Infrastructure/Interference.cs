using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Valueweb.Data;

namespace Valueweb.Tests.Infrastructure;

/// <summary>
/// Lets a test act at the very moment the application saves: another writer slips in between the application's
/// read and its write (a race, made deterministic), or the save fails as a crash would.
/// </summary>
public sealed class Interference : SaveChangesInterceptor
{
    private readonly Lock gate = new();
    private (Func<DbContext, bool> When, Func<DbContext, Task> Act)? next;

    /// <summary>The next save for which <paramref name="when"/> holds runs <paramref name="act"/> first (once).</summary>
    public void Once(Func<DbContext, bool> when, Func<DbContext, Task> act)
    {
        lock (gate) next = (when, act);
    }

    public bool Armed
    {
        get
        {
            lock (gate) return next is not null;
        }
    }

    public static bool Saves<T>(DbContext context, EntityState state) where T : class =>
        context.ChangeTracker.Entries<T>().Any(e => e.State == state);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Func<DbContext, Task>? act = null;
            lock (gate)
            {
                if (next is { } n && n.When(context))
                {
                    act = n.Act;
                    next = null;
                }
            }
            if (act is not null) await act(context);
        }
        return result;
    }
}

/// <summary>The application with an <see cref="Interference"/> on its database context.</summary>
public sealed class InterferenceFactory : ValuewebFactory
{
    public Interference Interference { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<ValuewebDb>(o => o.AddInterceptors(Interference)));
    }
}
