using System.Text.Json;
using Npgsql;
using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.EventStore;

// Turns a module's events into stored rows and back, under the stable names of its EventTypeRegistry.
internal sealed class EventSerializer(ModuleDescriptor module)
{
    public const string Columns =
        "e.seq, e.id, e.stream_id, e.version, e.type, e.data::text, e.timestamp, e.correlation_id, e.causation_id, e.user_name";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public ModuleDescriptor Module { get; } = module;

    public string Schema => Module.Schema;

    public static EventSerializer For<TModule>(IEnumerable<ModuleDescriptor> modules) =>
        new(modules.FirstOrDefault(m => m.ModuleType == typeof(TModule))
            ?? throw new InvalidOperationException($"{typeof(TModule).Name} is not registered: call services.AddPortalModule<{typeof(TModule).Name}>()"));

    public string NameOf(object @event) => Module.Events.NameOf(@event.GetType());

    public static string Serialize(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), Options);

    // Reads rows selected with Columns.
    public async Task<List<StoredEvent>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var typeName = reader.GetString(4);
            var data = JsonSerializer.Deserialize(reader.GetString(5), Module.Events.TypeOf(typeName), Options)
                ?? throw new InvalidOperationException($"Event {reader.GetInt64(0)} of {Schema} has null data");
            events.Add(new StoredEvent(
                reader.GetInt64(0),
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetInt64(3),
                typeName,
                data,
                reader.GetFieldValue<DateTimeOffset>(6),
                new EventMetadata(NullableString(reader, 7), NullableString(reader, 8), NullableString(reader, 9))));
        }

        return events;
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
