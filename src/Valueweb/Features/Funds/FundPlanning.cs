using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Organisations;
using Valueweb.Features.Partners;
using Valueweb.Platform.Api;

namespace Valueweb.Features.Funds;

public sealed record PoolInput(string? Name, DateOnly? StartsOn, DateOnly? EndsOn, MoneyValue? Amount);

public sealed record BudgetInput(Guid? PartnerId, MoneyValue? Amount);

public sealed record ThemeInput(string? Name, string? Description, bool? Active);

/// <summary>
/// Vendor marketing's side of the funds: pools for a period, budgets per partner allocated from a pool (never past it,
/// even when two people allocate at once: the pool's allocated sum moves by a conditional update), and campaign themes.
/// </summary>
public sealed class FundPlanning(ValuewebDb db, Journal journal)
{
    public async Task<(FundPool? Pool, FieldErrors? Errors)> AddPoolAsync(PoolInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Require("name", input.Name, 200);
        if (input.StartsOn is null) errors.Add("startsOn", "Required.");
        if (input.EndsOn is null) errors.Add("endsOn", "Required.");
        else if (input.StartsOn is { } s && input.EndsOn < s) errors.Add("endsOn", "Must not be before startsOn.");
        var amount = Money.Parse(input.Amount, "amount", errors);
        if (errors.Any) return (null, errors);
        var pool = new FundPool { Name = input.Name!.Trim(), StartsOn = input.StartsOn!.Value, EndsOn = input.EndsOn!.Value, Currency = amount!.Value.Currency, AmountMinor = amount.Value.Minor, CreatedAt = journal.Now };
        db.FundPools.Add(pool);
        journal.Audit("fundPool.created", "fundPool", pool.Id, $"{pool.Name}: {amount}");
        await db.SaveChangesAsync(ct);
        return (pool, null);
    }

    /// <summary>Sets a partner's budget in the pool (new or changed); the pool's allocations never exceed it.</summary>
    public async Task<(FundBudget? Budget, CommandResult Result)> AllocateAsync(Guid poolId, BudgetInput input, CancellationToken ct)
    {
        var pool = await db.FundPools.AsNoTracking().FirstOrDefaultAsync(p => p.Id == poolId, ct);
        if (pool is null) return (null, CommandResult.NotFound);
        var errors = new FieldErrors();
        if (input.PartnerId is not { } partner) errors.Add("partnerId", "Required.");
        else if (!await db.Organisations.AnyAsync(o => o.Id == partner && o.Kind == OrganisationKind.Partner && o.Status == OrganisationStatus.Active, ct))
            errors.Add("partnerId", "Not an active partner.");
        var amount = Money.Parse(input.Amount, "amount", errors);
        if (amount is { } a && a.Currency != pool.Currency) errors.Add("amount.currency", $"The pool is in {pool.Currency}.");
        if (errors.Any) return (null, CommandResult.Invalid(errors));
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var budget = await db.FundBudgets.FirstOrDefaultAsync(b => b.PoolId == poolId && b.PartnerId == input.PartnerId, ct);
        var delta = amount!.Value.Minor - (budget?.AmountMinor ?? 0);
        if (budget is not null && amount.Value.Minor < budget.CommittedMinor)
            return (null, CommandResult.Invalid(new FieldErrors().Add("amount.amount",
                $"Approved requests already commit {new Money(budget.CommittedMinor, pool.Currency)} of this budget.")));
        var moved = await db.FundPools.Where(p => p.Id == poolId && p.AllocatedMinor + delta <= p.AmountMinor && p.AllocatedMinor + delta >= 0)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.AllocatedMinor, p => p.AllocatedMinor + delta), ct);
        if (moved == 0)
        {
            var left = await db.FundPools.AsNoTracking().Where(p => p.Id == poolId).Select(p => p.AmountMinor - p.AllocatedMinor).FirstAsync(ct);
            return (null, CommandResult.Invalid(new FieldErrors().Add("amount.amount", $"The pool has {new Money(left + (budget?.AmountMinor ?? 0), pool.Currency)} left for this partner.")));
        }
        if (budget is null)
        {
            budget = new FundBudget { PoolId = poolId, PartnerId = input.PartnerId!.Value, AmountMinor = amount.Value.Minor, CreatedAt = journal.Now };
            db.FundBudgets.Add(budget);
        }
        else budget.AmountMinor = amount.Value.Minor;
        journal.Event("fundBudget.allocated", "fundBudget", budget.Id, [budget.PartnerId], new { pool = pool.Name, amount = amount.Value.ToValue(), startsOn = pool.StartsOn, endsOn = pool.EndsOn });
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return (budget, CommandResult.Done(1));
    }

    public async Task<(CampaignTheme? Theme, FieldErrors? Errors)> SaveThemeAsync(Guid? id, ThemeInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Require("name", input.Name, 200);
        if (input.Description is { Length: > 2000 }) errors.Add("description", "At most 2000 characters.");
        if (errors.Any) return (null, errors);
        var theme = id is { } existing ? await db.CampaignThemes.FirstOrDefaultAsync(t => t.Id == existing, ct) : new CampaignTheme { CreatedAt = journal.Now };
        if (theme is null) return (null, null);
        theme.Name = input.Name!.Trim();
        theme.Description = input.Description?.Trim() ?? "";
        theme.Active = input.Active ?? true;
        if (id is null) db.CampaignThemes.Add(theme);
        journal.Audit(id is null ? "campaignTheme.created" : "campaignTheme.changed", "campaignTheme", theme.Id, theme.Name);
        await db.SaveChangesAsync(ct);
        return (theme, null);
    }
}
