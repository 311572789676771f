namespace Portal.SharedKernel.Auth;

/// <summary>
/// Credentials made up at start when no <c>Auth:</c> configuration exists, so a first run can be called at once.
/// Registered as a singleton only in that case. For development only: they change at every start.
/// </summary>
public sealed class DevelopmentCredentials
{
    public const string ServiceSubject = "development";

    public const string User = "user:default/developer";

    internal DevelopmentCredentials(string serviceToken, string userToken)
    {
        ServiceToken = serviceToken;
        UserToken = userToken;
    }

    /// <summary>A static service token (subject <see cref="ServiceSubject"/>).</summary>
    public string ServiceToken { get; }

    /// <summary>An HS256 user token for <see cref="User"/>, signed with a key made at start.</summary>
    public string UserToken { get; }
}
