using Npgsql;

namespace Portal.SharedKernel.Messaging;

/// <summary>Writes published messages into the outbox inside the caller's transaction.</summary>
public interface IOutbox
{
    Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<object> messages, CancellationToken cancellationToken);
}
