using System.Reflection;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Http;

namespace Portal.SharedKernel.Modules;

/// <summary>Everything SharedKernel needs to know about one registered module.</summary>
public sealed record ModuleDescriptor(
    Type ModuleType,
    string Schema,
    string BasePath,
    ErrorStyle ErrorStyle,
    Assembly Assembly,
    EventTypeRegistry Events,
    DatabaseSchema Database,
    IReadOnlyList<Type> InlineProjections,
    IReadOnlyList<Type> AsyncProjections);
