using Npgsql;
using Portal.SharedKernel.Mediator;

namespace Portal.SharedKernel.Messaging;

internal sealed class MessageBus(NpgsqlDataSource database, IOutbox outbox, ISender sender) : IMessageBus
{
    public async ValueTask PublishAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default)
        where TMessage : notnull
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await outbox.WriteAsync(connection, transaction, [message], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task<TResponse> InvokeAsync<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        sender.Send(request, cancellationToken);
}
