using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.SharedKernel.Mediator;

internal sealed class Sender(IServiceProvider services) : ISender
{
    private static readonly ConcurrentDictionary<(Type Request, Type Response), RequestInvoker> Invokers = new();

    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invoker = (RequestInvoker<TResponse>)Invokers.GetOrAdd(
            (request.GetType(), typeof(TResponse)),
            key => (RequestInvoker)Activator.CreateInstance(typeof(RequestInvoker<,>).MakeGenericType(key.Request, key.Response))!);
        return invoker.Invoke(request, services, cancellationToken);
    }
}

internal abstract class RequestInvoker;

internal abstract class RequestInvoker<TResponse> : RequestInvoker
{
    public abstract Task<TResponse> Invoke(IRequest<TResponse> request, IServiceProvider services, CancellationToken cancellationToken);
}

// One closed type per request keeps the hot path free of reflection after the first call.
internal sealed class RequestInvoker<TRequest, TResponse> : RequestInvoker<TResponse>
    where TRequest : IRequest<TResponse>
{
    public override Task<TResponse> Invoke(IRequest<TResponse> request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var typed = (TRequest)request;
        var handler = services.GetService<IRequestHandler<TRequest, TResponse>>()
            ?? throw new InvalidOperationException(
                $"No handler is registered for {typeof(TRequest).Name}. Is its module added with AddPortalModule?");

        RequestHandlerDelegate<TResponse> pipeline = () => handler.Handle(typed, cancellationToken);
        foreach (var behavior in services.GetServices<IPipelineBehavior<TRequest, TResponse>>().Reverse())
        {
            var next = pipeline;
            pipeline = () => behavior.Handle(typed, next, cancellationToken);
        }

        return pipeline();
    }
}
