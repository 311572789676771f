using Portal.SharedKernel.Mediator;

namespace Portal.SharedKernel.Messaging;

/// <summary>Wolverine's bus shape: durable publish through the outbox, and in-process request/response across modules.</summary>
public interface IMessageBus
{
    /// <summary>Writes the message to the outbox in its own transaction; subscribers get it after commit, at least once.</summary>
    ValueTask PublishAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default)
        where TMessage : notnull;

    /// <summary>Asks the module that owns a Contracts query or command, in process.</summary>
    Task<TResponse> InvokeAsync<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
}

/// <summary>Handles a published message. Delivery is at least once, so a handler is idempotent by its own logic too.</summary>
public interface IMessageHandler<in TMessage>
{
    Task Handle(TMessage message, CancellationToken cancellationToken);
}
