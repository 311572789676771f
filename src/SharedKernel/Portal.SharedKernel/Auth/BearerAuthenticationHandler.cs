using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Portal.SharedKernel.Auth;

// Authorization: Bearer <token>, either a static service token or a JWT whose sub is a user entity ref.
// The base class would log every failed attempt; the request log line already records the 401.
internal sealed class BearerAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, UrlEncoder encoder, AuthSettings settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, NullLoggerFactory.Instance, encoder)
{
    public const string SchemeName = "PortalBearer";

    private const string Prefix = "Bearer ";

    private static readonly JsonWebTokenHandler Tokens = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return AuthenticateResult.NoResult();
        }

        if (!authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || authorization.Length == Prefix.Length)
        {
            return AuthenticateResult.Fail("Illegal authorization header: send 'Authorization: Bearer <token>'");
        }

        var token = authorization[Prefix.Length..].Trim();
        if (settings.FindServiceSubject(token) is { } service)
        {
            return Success(new Caller(service, IsService: true));
        }

        if (settings.Jwt is null)
        {
            return AuthenticateResult.Fail("Illegal token");
        }

        var result = await Tokens.ValidateTokenAsync(token, settings.Jwt);
        if (!result.IsValid)
        {
            return AuthenticateResult.Fail(result.Exception is SecurityTokenExpiredException ? "Illegal token: it has expired" : "Illegal token");
        }

        return UserEntityRef.TryNormalize(result.ClaimsIdentity.FindFirst(Caller.SubjectClaim)?.Value, out var user)
            ? Success(new Caller(user, IsService: false))
            : AuthenticateResult.Fail("Illegal token: its sub must be a user entity ref such as user:default/jane");
    }

    private static AuthenticateResult Success(Caller caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
}
