using System.Reflection;
using System.Security.Claims;

namespace Portal.SharedKernel.Auth;

/// <summary>
/// The authenticated caller of a request: a user entity ref (<c>user:default/jane</c>) or a service token's subject.
/// Minimal API handlers may take a <c>Caller</c> (or <c>Caller?</c> on public routes) parameter.
/// </summary>
public sealed record Caller(string Subject, bool IsService)
{
    /// <summary>The claim that says whether the subject is a <c>user</c> or a <c>service</c>.</summary>
    public const string KindClaim = "portal:caller";

    public const string SubjectClaim = "sub";

    /// <summary>The caller of an authenticated principal, or null when anonymous.</summary>
    public static Caller? From(ClaimsPrincipal? principal)
    {
        var subject = principal?.FindFirst(SubjectClaim)?.Value;
        return subject is null || principal?.Identity?.IsAuthenticated != true
            ? null
            : new Caller(subject, principal.FindFirst(KindClaim)?.Value == "service");
    }

    /// <summary>Minimal API parameter binding.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(From(context.User));
    }

    internal ClaimsPrincipal ToPrincipal(string authenticationType) =>
        new(new ClaimsIdentity(
            [new Claim(SubjectClaim, Subject), new Claim(KindClaim, IsService ? "service" : "user")],
            authenticationType,
            SubjectClaim,
            ClaimTypes.Role));
}
