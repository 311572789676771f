using Npgsql;
using Portal.Testing;

namespace Portal.Modules.Catalog.Tests;

public sealed class CatalogSchemaTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task The_catalog_read_model_exists_after_start_up()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from information_schema.tables where table_schema = 'catalog' and table_name in ('entities', 'search', 'relations')",
            connection);

        Assert.Equal(3L, await command.ExecuteScalarAsync());
    }
}
