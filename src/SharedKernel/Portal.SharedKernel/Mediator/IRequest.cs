namespace Portal.SharedKernel.Mediator;

/// <summary>A request (command or query) answered by exactly one <see cref="IRequestHandler{TRequest,TResponse}"/>.</summary>
public interface IRequest<out TResponse>;

/// <summary>Handles one request type. Modules keep their handlers internal; SharedKernel finds them by assembly scan.</summary>
public interface IRequestHandler<in TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
}

/// <summary>The next step of a request pipeline: the following behaviour, or the handler itself.</summary>
public delegate Task<TResponse> RequestHandlerDelegate<TResponse>();

/// <summary>Wraps every request of a given type, outermost first in registration order.</summary>
public interface IPipelineBehavior<in TRequest, TResponse>
    where TRequest : notnull
{
    Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken);
}

/// <summary>Sends a request through its pipeline to its handler.</summary>
public interface ISender
{
    Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
}
