using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Portal.SharedKernel.Auth;

// The accepted credentials, read once from Auth:*; with no Auth configuration at all, development credentials instead.
internal sealed class AuthSettings
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<(byte[] TokenHash, string Subject)> _serviceTokens;

    private AuthSettings(IReadOnlyList<(byte[], string)> serviceTokens, TokenValidationParameters? jwt, DevelopmentCredentials? development)
    {
        _serviceTokens = serviceTokens;
        Jwt = jwt;
        Development = development;
    }

    public TokenValidationParameters? Jwt { get; }

    public DevelopmentCredentials? Development { get; }

    public static AuthSettings FromConfiguration(IConfiguration configuration)
    {
        var auth = configuration.GetSection("Auth");
        var serviceTokens = auth.GetSection("ServiceTokens").GetChildren().Select(ReadServiceToken).ToList();
        var (issuer, audience) = (auth["Jwt:Issuer"], auth["Jwt:Audience"]);
        var keys = new List<SecurityKey>();
        if (!string.IsNullOrWhiteSpace(auth["Jwt:SigningKey"]))
        {
            var secret = Encoding.UTF8.GetBytes(auth["Jwt:SigningKey"]!);
            if (secret.Length < 32)
            {
                throw new InvalidOperationException("Auth:Jwt:SigningKey must be at least 32 bytes long for HS256");
            }

            keys.Add(new SymmetricSecurityKey(secret));
        }

        if (!string.IsNullOrWhiteSpace(auth["Jwt:PublicKeyPem"]))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(auth["Jwt:PublicKeyPem"]);
            keys.Add(new RsaSecurityKey(rsa));
        }

        if (serviceTokens.Count > 0 || keys.Count > 0)
        {
            return new AuthSettings(serviceTokens, keys.Count == 0 ? null : Validation(keys, issuer, audience), development: null);
        }

        var developmentKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        var development = new DevelopmentCredentials(
            $"portal-dev-{Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32))}",
            CreateUserToken(developmentKey, DevelopmentCredentials.User, issuer, audience));
        return new AuthSettings(
            [(Hash(development.ServiceToken), DevelopmentCredentials.ServiceSubject)],
            Validation([developmentKey], issuer, audience),
            development);
    }

    // Hashing first gives FixedTimeEquals inputs of one length, so neither content nor length leaks through timing.
    public string? FindServiceSubject(string token)
    {
        var hash = Hash(token);
        string? subject = null;
        foreach (var (tokenHash, tokenSubject) in _serviceTokens)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, tokenHash))
            {
                subject = tokenSubject;
            }
        }

        return subject;
    }

    private static (byte[], string) ReadServiceToken(IConfigurationSection entry)
    {
        var (token, subject) = (entry["Token"], entry["Subject"]);
        if (string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(subject))
        {
            throw new InvalidOperationException($"Auth:ServiceTokens:{entry.Key} needs both Token and Subject");
        }

        return (Hash(token), subject);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static TokenValidationParameters Validation(IReadOnlyList<SecurityKey> keys, string? issuer, string? audience) => new()
    {
        IssuerSigningKeys = keys,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256],
        ValidateIssuer = !string.IsNullOrWhiteSpace(issuer),
        ValidIssuer = issuer,
        ValidateAudience = !string.IsNullOrWhiteSpace(audience),
        ValidAudience = audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
    };

    private static string CreateUserToken(SecurityKey key, string subject, string? issuer, string? audience) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(Caller.SubjectClaim, subject)]),
            Issuer = issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddDays(30),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
}
