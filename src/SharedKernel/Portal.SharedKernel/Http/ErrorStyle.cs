namespace Portal.SharedKernel.Http;

/// <summary>The three error envelopes of Portal's API families.</summary>
public enum ErrorStyle
{
    /// <summary><c>{"error":{"name","message"},"request":{"method","url"},"response":{"statusCode"}}</c>: catalog, techdocs, scaffolder.</summary>
    Backstage,

    /// <summary><c>{"error":"message"}</c>: che-launcher, devlake.</summary>
    Plugin,

    /// <summary><c>{"error":{"code","message","details"},"timestamp","requestId"}</c>: marketplace.</summary>
    Marketplace,
}
