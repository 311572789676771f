using System.Collections.Concurrent;
using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.Tests.Messaging;

internal sealed record Received(string Handler, string Text, string? MessageId, string? CorrelationId, string? User, bool IsService);

// What the test handlers saw, shared by every host of a test, with a signal on each change to wait on.
internal sealed class BusRecorder
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<Received> _received = [];
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private TaskCompletionSource _changed = NewSignal();

    public HandlerGate Gate { get; } = new();

    public IReadOnlyList<Received> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public void Record(string handler, string text, OperationContext context)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _received.Add(new Received(handler, text, context.CausationId, context.CorrelationId, context.User, context.IsService));
            changed = _changed;
            _changed = NewSignal();
        }

        changed.SetResult();
    }

    public int CountAttempt(string text) => _attempts.AddOrUpdate(text, 1, (_, count) => count + 1);

    public int Attempts(string text) => _attempts.GetValueOrDefault(text);

    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<IReadOnlyList<Received>, bool> done)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (done(_received))
                {
                    return [.. _received];
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The handlers did not receive what the test waited for; they got {_received.Count} messages");
            }
        }
    }

    public Task<IReadOnlyList<Received>> WaitForAsync(string text) => WaitForAsync(r => r.Any(x => x.Text == text));

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

// Holds a handler inside Handle until the test lets it go.
internal sealed class HandlerGate
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public async Task PassAsync()
    {
        _entered.TrySetResult();
        await _released.Task;
    }

    public void Release() => _released.TrySetResult();
}
