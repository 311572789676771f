namespace Portal.SharedKernel.EventStore;

/// <summary>
/// Stable names of a module's stored events. Names are written to the database, so they never derive from CLR names:
/// a class can be renamed or moved without touching history.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];

    public EventTypeRegistry Add<TEvent>(string name)
        where TEvent : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_byName.TryGetValue(name, out var existing) && existing != typeof(TEvent))
        {
            throw new InvalidOperationException($"Event name '{name}' is already used by {existing.Name}");
        }

        if (_byType.TryGetValue(typeof(TEvent), out var existingName) && existingName != name)
        {
            throw new InvalidOperationException($"{typeof(TEvent).Name} is already registered as '{existingName}'");
        }

        _byName[name] = typeof(TEvent);
        _byType[typeof(TEvent)] = name;
        return this;
    }

    public string NameOf(Type eventType) =>
        _byType.TryGetValue(eventType, out var name)
            ? name
            : throw new InvalidOperationException($"{eventType.Name} is not a registered event type. Add it in the module's Register method.");

    public Type TypeOf(string name) =>
        _byName.TryGetValue(name, out var type)
            ? type
            : throw new InvalidOperationException($"No event type is registered under the name '{name}'");

    public bool TryGetType(string name, out Type? type) => _byName.TryGetValue(name, out type);
}
