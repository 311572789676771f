using Npgsql;
using Portal.Modules.Catalog.Domain.Locations;

namespace Portal.Modules.Catalog.Projections;

// A registered location as the API shows it (catalog-behaviour.md §12.1).
internal sealed record LocationView(string Id, string Type, string Target, string EntityRef);

// Reads registered locations from catalog.locations.
internal sealed class LocationReader(NpgsqlDataSource database)
{
    private const string Select = "select id, type, target, entity_ref from catalog.locations";

    public async Task<IReadOnlyList<LocationView>> AllAsync(CancellationToken cancellationToken) =>
        await LoadAsync($"{Select} order by registered_at, id", [], cancellationToken);

    public async Task<LocationView?> ByIdAsync(string id, CancellationToken cancellationToken) =>
        Guid.TryParseExact(id, "D", out var uid) ? (await LoadAsync($"{Select} where id = $1", [uid], cancellationToken)).SingleOrDefault() : null;

    // Type and target compare exactly, as Backstage's 409 does.
    public async Task<LocationView?> ByKeyAsync(LocationKey key, CancellationToken cancellationToken) =>
        (await LoadAsync($"{Select} where type = $1 and target = $2", [key.Type, key.Target], cancellationToken)).SingleOrDefault();

    private async Task<List<LocationView>> LoadAsync(string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var found = new List<LocationView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new LocationView(reader.GetGuid(0).ToString(), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return found;
    }
}
