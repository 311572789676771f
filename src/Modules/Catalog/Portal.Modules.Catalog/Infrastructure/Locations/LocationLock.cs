using Npgsql;

namespace Portal.Modules.Catalog.Infrastructure.Locations;

// A PostgreSQL advisory lock per location, held while it is processed or removed, so two hosts (or the agent and a
// removal) never work on one location at once. Session locks outlive a pooled connection's return, so it is released
// explicitly.
internal sealed class LocationLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private LocationLock(NpgsqlConnection connection, long key) => (_connection, _key) = (connection, key);

    public static async Task<LocationLock> AcquireAsync(NpgsqlDataSource database, Guid locationId, CancellationToken cancellationToken)
    {
        var key = BitConverter.ToInt64(locationId.ToByteArray(), 0);
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new LocationLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock($1)", _connection) { Parameters = { new() { Value = _key } } };
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
