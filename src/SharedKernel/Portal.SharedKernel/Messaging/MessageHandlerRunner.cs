using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Retry;
using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.Messaging;

// Runs one outbox row's handler with a few quick in-process retries before the row itself is rescheduled.
internal sealed class MessageHandlerRunner(IServiceScopeFactory scopes, DeliveryOptions options)
{
    private readonly ResiliencePipeline _pipeline = options.HandlerRetries == 0
        ? ResiliencePipeline.Empty
        : new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.HandlerRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.HandlerRetryDelay,
            })
            .Build();

    public async Task RunAsync(OutboxRow row, MessageRoute route, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(token => new ValueTask(RunOnceAsync(row, route, token)), cancellationToken);

    // A fresh scope per try: a half-used unit of work from a failed try must not leak into the next one.
    private async Task RunOnceAsync(OutboxRow row, MessageRoute route, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<OperationContext>();
        context.CorrelationId = row.CorrelationId;
        context.CausationId = row.MessageId.ToString();
        context.User = row.User;
        context.IsService = row.IsService;

        var handler = scope.ServiceProvider.GetRequiredService(route.Subscription.HandlerType);
        var message = JsonSerializer.Deserialize(row.Body, route.Subscription.MessageType, PostgresOutbox.Json)
            ?? throw new JsonException($"Message {row.MessageId} has a null body");
        await route.Dispatch(handler, message, cancellationToken);
    }
}
