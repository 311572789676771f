using Microsoft.Extensions.Logging;
using Portal.SharedKernel.Errors;

namespace Portal.SharedKernel.Mediator;

/// <summary>
/// Marks a command whose handler decides from what it reads and saves through its scope's event sessions: when the save
/// loses a race for a stream (<see cref="ConcurrencyError"/>), the handler runs again on what is stored now (Wolverine's
/// retry policy for Marten's concurrency exceptions). Only for handlers with no effect outside the event store.
/// </summary>
public interface IRetriedOnConcurrencyConflict;

// Three attempts: a conflict means another writer just committed to the same stream, so the next read sees it.
internal sealed class ConcurrencyRetryBehavior<TRequest, TResponse>(ILogger<ConcurrencyRetryBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull
{
    private const int Attempts = 3;

    public async Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        if (request is not IRetriedOnConcurrencyConflict)
        {
            return await next();
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next();
            }
            catch (ConcurrencyError conflict) when (attempt < Attempts)
            {
                logger.LogInformation(
                    "{Request} lost a race for stream {StreamId} (attempt {Attempt} of {Attempts}); deciding again on the stored state",
                    typeof(TRequest).Name, conflict.StreamId, attempt, Attempts);
            }
        }
    }
}
