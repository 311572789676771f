using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.SharedKernel.Messaging;
using Portal.SharedKernel.Modules;
using Portal.SharedKernel.Tests.EventStore;
using Portal.SharedKernel.Tests.Messaging;

namespace Portal.SharedKernel.Tests;

// A real generic host with the kernel and both test modules (event store and bus), tuned so retries and async
// projections take milliseconds. The event store and bus tests share it, so they exercise one composition.
internal static class KernelHost
{
    public const int MaxAttempts = 3;

    public static async Task<IHost> StartAsync(string connectionString, BusRecorder recorder, int pollMilliseconds = 200)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = connectionString,
            ["EventStore:AsyncPollMilliseconds"] = "50",
            ["Bus:PollMilliseconds"] = pollMilliseconds.ToString(),
            ["Bus:MaxAttempts"] = MaxAttempts.ToString(),
            ["Bus:RetryBackoffMilliseconds"] = "5",
            ["Bus:HandlerRetries"] = "1",
            ["Bus:HandlerRetryMilliseconds"] = "1",
        });
        builder.Services.AddSingleton(recorder);
        builder.Services.AddPortalModule<TaskModule>(builder.Configuration);
        builder.Services.AddPortalModule<BusTestModule>(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static async Task PublishAsync(this IHost host, object message, string? user = null, bool isService = false)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<OperationContext>();
        (context.User, context.IsService) = (user, isService);
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(message);
    }

    public static async Task WriteToOutboxAsync(this IHost host, NpgsqlTransaction transaction, params object[] messages)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        await outbox.WriteAsync(transaction.Connection!, transaction, messages, CancellationToken.None);
    }
}
