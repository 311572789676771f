namespace Portal.SharedKernel.Postgres;

/// <summary>How to run an embedded PostgreSQL server.</summary>
public sealed record PostgresServerOptions
{
    /// <summary>Where the cluster lives; an existing cluster there is reused, so data survives restarts.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Folder with initdb, pg_ctl and postgres; found automatically when null.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>False trades crash safety for speed (fsync off): for throw-away test clusters only.</summary>
    public bool Durable { get; init; } = true;

    public int MaxConnections { get; init; } = 200;
}
