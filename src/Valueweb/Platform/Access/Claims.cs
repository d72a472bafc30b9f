namespace Valueweb.Platform.Access;

public static class ValuewebClaims
{
    public const string Person = "vw:person";
    public const string ApiKey = "vw:apikey";
    public const string CookieScheme = "Identity.Application";
    public const string BearerScheme = "Identity.Bearer";
    public const string ApiKeyScheme = "ApiKey";
    public const string SelectorScheme = "Valueweb";
}
