namespace Portal.SharedKernel.Messaging;

/// <summary>A handler of one message type, in the module that declared it.</summary>
public sealed record MessageSubscription(Type MessageType, Type HandlerType, Type ModuleType)
{
    /// <summary>Stable key of the handler in the outbox and inbox tables.</summary>
    public string HandlerKey => HandlerType.FullName ?? HandlerType.Name;
}
