using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Portal.SharedKernel.Outbound;

// One pipeline per client and origin, kept for the life of the process: message handlers are recycled every few
// minutes, and an open circuit must outlive them; one failing host must not break the circuit for the others.
internal sealed class OutboundPipelines(IOptionsMonitor<OutboundOptions> options)
{
    public static readonly ResiliencePropertyKey<HttpRequestMessage> Request = new("Portal.Outbound.Request");

    private readonly ConcurrentDictionary<(string Client, string Origin), ResiliencePipeline<HttpResponseMessage>> _pipelines = new();

    public ResiliencePipeline<HttpResponseMessage> For(string client, Uri uri) =>
        _pipelines.GetOrAdd((client, uri.GetLeftPart(UriPartial.Authority)), key => Build(options.Get(key.Client)));

    private static ResiliencePipeline<HttpResponseMessage> Build(OutboundOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(options.Timeout);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome) && MayRepeat(args.Context, options)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result?.Headers.RetryAfter?.Delta),
            });
        }

        return builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.CircuitFailureRatio,
            MinimumThroughput = options.CircuitMinimumThroughput,
            SamplingDuration = options.CircuitSamplingDuration,
            BreakDuration = options.CircuitBreakDuration,
            ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome)),
        }).Build();
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        OutboundRequestRefusedException => false,
        HttpRequestException => true,
        null => outcome.Result!.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)outcome.Result.StatusCode >= 500,
        _ => false,
    };

    private static bool MayRepeat(ResilienceContext context, OutboundOptions options) =>
        options.RetryNonIdempotent
        || (context.Properties.TryGetValue(Request, out var request)
            && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
                || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete || request.Method == HttpMethod.Trace));
}
