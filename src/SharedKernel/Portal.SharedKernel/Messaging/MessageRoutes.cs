using System.Collections.Frozen;
using System.Reflection;

namespace Portal.SharedKernel.Messaging;

// A subscribed handler with a compiled call to its Handle, so delivery needs no reflection per message.
internal sealed record MessageRoute(MessageSubscription Subscription, Func<object, object, CancellationToken, Task> Dispatch);

// Which handlers receive a message type, and which route an outbox row (handler key + message type name) belongs to.
internal sealed class MessageRoutes
{
    private static readonly MethodInfo DispatchMethod =
        typeof(MessageRoutes).GetMethod(nameof(DispatchTo), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly FrozenDictionary<Type, MessageSubscription[]> _byMessageType;
    private readonly FrozenDictionary<(string Handler, string MessageType), MessageRoute> _byRow;

    public MessageRoutes(IEnumerable<MessageSubscription> subscriptions)
    {
        // A module added twice, or two modules in one assembly, scan the same handler twice: it still subscribes once.
        var distinct = subscriptions.DistinctBy(s => (s.MessageType, s.HandlerKey)).ToList();
        _byMessageType = distinct.GroupBy(s => s.MessageType).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        _byRow = distinct.ToFrozenDictionary(
            s => (s.HandlerKey, TypeName(s.MessageType)),
            s => new MessageRoute(s, DispatchMethod.MakeGenericMethod(s.MessageType).CreateDelegate<Func<object, object, CancellationToken, Task>>()));
    }

    public static string TypeName(Type messageType) => messageType.FullName ?? messageType.Name;

    public IReadOnlyList<MessageSubscription> SubscribersOf(Type messageType) =>
        _byMessageType.TryGetValue(messageType, out var subscriptions) ? subscriptions : [];

    public MessageRoute? Find(string handlerKey, string messageType) =>
        _byRow.GetValueOrDefault((handlerKey, messageType));

    private static Task DispatchTo<TMessage>(object handler, object message, CancellationToken cancellationToken) =>
        ((IMessageHandler<TMessage>)handler).Handle((TMessage)message, cancellationToken);
}
