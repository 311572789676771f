using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.SharedKernel.Http;
using Portal.SharedKernel.Mediator;
using Portal.SharedKernel.Messaging;
using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.Tests.Messaging;

internal sealed class BusTestModule : IPortalModule
{
    public string Schema => "bus_test";

    public string BasePath => "/api/bus-test";

    public ErrorStyle ErrorStyle => ErrorStyle.Backstage;

    public void Register(ModuleBuilder module) => module.Services.TryAddSingleton<BusRecorder>();
}

internal sealed record Ping(string Text);

internal sealed record Audited(string Text);

internal sealed record Doomed(string Text);

internal sealed record Flaky(string Text);

internal sealed record Gated(string Text);

internal sealed record Unheard(string Text);

internal sealed record Echo(string Text) : IRequest<string>;

internal sealed class PingHandler(BusRecorder recorder, OperationContext context) : IMessageHandler<Ping>
{
    public Task Handle(Ping message, CancellationToken cancellationToken)
    {
        recorder.Record(nameof(PingHandler), message.Text, context);
        return Task.CompletedTask;
    }
}

internal sealed class FirstAuditHandler(BusRecorder recorder, OperationContext context) : IMessageHandler<Audited>
{
    public Task Handle(Audited message, CancellationToken cancellationToken)
    {
        recorder.Record(nameof(FirstAuditHandler), message.Text, context);
        return Task.CompletedTask;
    }
}

internal sealed class SecondAuditHandler(BusRecorder recorder, OperationContext context) : IMessageHandler<Audited>
{
    public Task Handle(Audited message, CancellationToken cancellationToken)
    {
        recorder.Record(nameof(SecondAuditHandler), message.Text, context);
        return Task.CompletedTask;
    }
}

internal sealed class DoomedHandler(BusRecorder recorder) : IMessageHandler<Doomed>
{
    public Task Handle(Doomed message, CancellationToken cancellationToken)
    {
        var attempt = recorder.CountAttempt(message.Text);
        throw new InvalidOperationException($"{message.Text} is doomed (call {attempt})");
    }
}

internal sealed class FlakyHandler(BusRecorder recorder, OperationContext context) : IMessageHandler<Flaky>
{
    public Task Handle(Flaky message, CancellationToken cancellationToken)
    {
        if (recorder.CountAttempt(message.Text) <= 2)
        {
            throw new TimeoutException($"{message.Text} hit a transient failure");
        }

        recorder.Record(nameof(FlakyHandler), message.Text, context);
        return Task.CompletedTask;
    }
}

internal sealed class GatedHandler(BusRecorder recorder, OperationContext context) : IMessageHandler<Gated>
{
    public async Task Handle(Gated message, CancellationToken cancellationToken)
    {
        await recorder.Gate.PassAsync();
        recorder.Record(nameof(GatedHandler), message.Text, context);
    }
}

internal sealed class EchoHandler : IRequestHandler<Echo, string>
{
    public Task<string> Handle(Echo request, CancellationToken cancellationToken) => Task.FromResult($"echo: {request.Text}");
}
