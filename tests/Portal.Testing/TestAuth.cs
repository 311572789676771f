using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Portal.Testing;

/// <summary>The credentials every test host is configured with, and a way to mint user tokens for it.</summary>
public static class TestAuth
{
    public const string ServiceToken = "test-service-token-4b1c9f0e6a2d4e8f9a7b3c5d1e0f2a4b";
    public const string ServiceSubject = "test-service";
    public const string Issuer = "portal-tests";
    public const string Audience = "portal";
    public const string SigningKey = "portal-tests-signing-key-0123456789abcdef0123456789abcdef";
    public const string DefaultUser = "user:default/test-user";

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Auth:ServiceTokens:0:Token"] = ServiceToken,
        ["Auth:ServiceTokens:0:Subject"] = ServiceSubject,
        ["Auth:Jwt:Issuer"] = Issuer,
        ["Auth:Jwt:Audience"] = Audience,
        ["Auth:Jwt:SigningKey"] = SigningKey,
    };

    /// <summary>An HS256 user token signed with the test key (or another key, to forge one).</summary>
    public static string UserToken(string subject = DefaultUser, string signingKey = SigningKey, TimeSpan? lifetime = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
