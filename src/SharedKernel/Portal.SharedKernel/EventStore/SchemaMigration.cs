namespace Portal.SharedKernel.EventStore;

/// <summary>One versioned DDL step of a schema. Applied once, in version order, at start-up.</summary>
public sealed record SchemaMigration(int Version, string Description, string Sql);

/// <summary>
/// The DDL history of one component in one PostgreSQL schema: a module's own tables, the event store's tables in that
/// module's schema, or a SharedKernel component such as the bus. Versions count per (schema, component).
/// </summary>
public sealed class DatabaseSchema(string name, string component = "module")
{
    private readonly List<SchemaMigration> _migrations = [];

    public string Name { get; } = name;

    public string Component { get; } = component;

    public IReadOnlyList<SchemaMigration> Migrations => _migrations;

    /// <summary>Adds a step. Released steps are never edited: a change is a new version.</summary>
    public DatabaseSchema Migration(int version, string description, string sql)
    {
        if (_migrations.Any(m => m.Version == version))
        {
            throw new InvalidOperationException($"Schema '{Name}' ({Component}) already has a migration {version}");
        }

        _migrations.Add(new SchemaMigration(version, description, sql));
        _migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        return this;
    }
}
