namespace Portal.SharedKernel.Messaging;

// A handler of one message type, in the module that declared it; only the kernel's routing reads it.
internal sealed record MessageSubscription(Type MessageType, Type HandlerType, Type ModuleType)
{
    // Stable key of the handler in the outbox and inbox tables.
    public string HandlerKey => HandlerType.FullName ?? HandlerType.Name;
}
