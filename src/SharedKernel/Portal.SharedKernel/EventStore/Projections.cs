using Npgsql;

namespace Portal.SharedKernel.EventStore;

/// <summary>Metadata stored with every event.</summary>
public sealed record EventMetadata(string? CorrelationId, string? CausationId, string? User);

/// <summary>An event as stored: its data is the deserialized event record.</summary>
public sealed record StoredEvent(
    long Sequence,
    Guid Id,
    string StreamId,
    long Version,
    string TypeName,
    object Data,
    DateTimeOffset Timestamp,
    EventMetadata Metadata);

/// <summary>The open connection and transaction a projection writes its read model with.</summary>
public sealed record ProjectionContext(NpgsqlConnection Connection, NpgsqlTransaction Transaction, string Schema);

/// <summary>Updates a read model in the same transaction as the append: reads are consistent with the command that returned.</summary>
public interface IInlineProjection
{
    Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken);
}

/// <summary>Updates a read model after commit, following the global sequence; can be rebuilt from zero.</summary>
public interface IAsyncProjection
{
    /// <summary>Stable name under which the projection's progress is stored.</summary>
    string Name { get; }

    Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken);

    /// <summary>Empties the read model before a rebuild.</summary>
    Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken);
}
