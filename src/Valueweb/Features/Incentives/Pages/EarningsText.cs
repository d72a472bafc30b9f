namespace Valueweb.Features.Incentives.Pages;

/// <summary>The words incentive pages use for codes.</summary>
public static class EarningsText
{
    public static string Kind(string kind) => kind switch
    {
        "earning" => "Earning",
        "clawback" => "Clawback",
        "fundReimbursement" => "Fund reimbursement",
        _ => "Adjustment",
    };

    public static string RuleKind(string kind) => kind switch
    {
        "percentage" => "Percentage of deal value",
        "referralFee" => "Referral fee",
        "spiff" => "SPIFF",
        _ => "Registered deal bonus",
    };
}
