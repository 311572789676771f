using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Portal.SharedKernel.EventStore;

// Rebuilds an aggregate from its events (Marten's conventions): static T Create(TEvent) or a parameterless constructor
// for the first event, then Apply(TEvent) that either returns the next state (immutable records) or mutates it
// (void). Events without an Apply are skipped. Dispatch is compiled once per (aggregate, event type).
internal static class AggregateBuilder<TAggregate>
    where TAggregate : class
{
    private const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly ConcurrentDictionary<Type, Func<TAggregate?, object, TAggregate?>> Steps = new();

    public static TAggregate? Build(IEnumerable<object> events)
    {
        TAggregate? state = null;
        foreach (var @event in events)
        {
            state = Steps.GetOrAdd(@event.GetType(), Compile)(state, @event);
        }

        return state;
    }

    private static Func<TAggregate?, object, TAggregate?> Compile(Type eventType)
    {
        var state = Expression.Parameter(typeof(TAggregate), "state");
        var @event = Expression.Parameter(typeof(object), "event");
        var typed = Expression.Convert(@event, eventType);

        var apply = Find(BindingFlags.Instance, "Apply", eventType, r => r == typeof(void) || r == typeof(TAggregate));
        var create = Find(BindingFlags.Static, "Create", eventType, r => r == typeof(TAggregate));
        var constructor = typeof(TAggregate).GetConstructor(BindingFlags.Instance | Members, Type.EmptyTypes);

        var whenEmpty = create is not null ? Expression.Call(create, typed)
            : constructor is not null && apply is not null ? ApplyTo(Expression.New(constructor), apply, typed)
            : Fail(eventType);
        var whenExisting = apply is not null ? ApplyTo(state, apply, typed) : (Expression)state;

        var body = Expression.Condition(Expression.Equal(state, Expression.Constant(null, typeof(TAggregate))), whenEmpty, whenExisting);
        return Expression.Lambda<Func<TAggregate?, object, TAggregate?>>(body, state, @event).Compile();
    }

    private static Expression ApplyTo(Expression target, MethodInfo apply, Expression @event)
    {
        if (apply.ReturnType == typeof(TAggregate))
        {
            return Expression.Call(target, apply, @event);
        }

        var instance = Expression.Variable(typeof(TAggregate), "instance");
        return Expression.Block(
            typeof(TAggregate),
            [instance],
            Expression.Assign(instance, target),
            Expression.Call(instance, apply, @event),
            instance);
    }

    private static UnaryExpression Fail(Type eventType) =>
        Expression.Throw(
            Expression.New(
                typeof(InvalidOperationException).GetConstructor([typeof(string)])!,
                Expression.Constant(
                    $"{typeof(TAggregate).Name} cannot start from {eventType.Name}: add 'static {typeof(TAggregate).Name} Create({eventType.Name})' "
                    + "or a parameterless constructor with an Apply method")),
            typeof(TAggregate));

    // The most specific parameter type wins, so Apply(BaseEvent) serves only events without their own Apply.
    private static MethodInfo? Find(BindingFlags kind, string name, Type eventType, Func<Type, bool> returns) =>
        typeof(TAggregate).GetMethods(kind | Members)
            .Where(m => m.Name == name && returns(m.ReturnType))
            .Select(m => (Method: m, Parameters: m.GetParameters()))
            .Where(m => m.Parameters.Length == 1 && m.Parameters[0].ParameterType.IsAssignableFrom(eventType))
            .OrderBy(m => Depth(m.Parameters[0].ParameterType, eventType))
            .Select(m => m.Method)
            .FirstOrDefault();

    private static int Depth(Type parameter, Type eventType)
    {
        var depth = 0;
        for (var type = eventType; type is not null && type != parameter; type = type.BaseType)
        {
            depth++;
        }

        return parameter.IsInterface ? int.MaxValue : depth;
    }
}
