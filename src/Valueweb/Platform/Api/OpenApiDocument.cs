using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Valueweb.Platform.Api;

/// <summary>Describes the API's authentication (bearer tokens from /api/v1/auth/login, and API keys sent the same way).</summary>
internal sealed class SecuritySchemes : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Valueweb API";
        document.Info.Description = "Partner relationship management. Errors are RFC 9457 problem details; lists are cursor-paged; "
            + "updates take If-Match; creating POSTs take Idempotency-Key.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An access token from POST /api/v1/auth/login, or an organisation's API key (vwk_...).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
