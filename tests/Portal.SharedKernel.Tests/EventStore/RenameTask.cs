using Microsoft.Extensions.DependencyInjection;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Mediator;

namespace Portal.SharedKernel.Tests.EventStore;

// Renames a task at the version it read. Before its first saves, another writer renames the task RacesToLose times,
// so those saves lose the race the way a save does when a concurrent writer commits between its read and its append.
internal sealed record RenameTask(string StreamId, string Title, int RacesToLose) : IRequest<int>, IRetriedOnConcurrencyConflict
{
    public int Attempts { get; set; }
}

internal sealed record RenameTaskOnce(string StreamId, string Title) : IRequest<int>;

internal sealed class RenameTaskHandler(IEventSession<TaskModule> session, IServiceScopeFactory scopes)
    : IRequestHandler<RenameTask, int>, IRequestHandler<RenameTaskOnce, int>
{
    public async Task<int> Handle(RenameTask request, CancellationToken cancellationToken)
    {
        request.Attempts++;
        var stream = await session.Events.FetchForWriting<TodoTask>(request.StreamId, cancellationToken);
        if (request.Attempts <= request.RacesToLose)
        {
            await RenameElsewhereAsync(request.StreamId, $"rival {request.Attempts}", cancellationToken);
        }

        stream.AppendOne(new TaskRenamed(request.Title));
        await session.SaveChangesAsync(cancellationToken);
        return request.Attempts;
    }

    public async Task<int> Handle(RenameTaskOnce request, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<TodoTask>(request.StreamId, cancellationToken);
        await RenameElsewhereAsync(request.StreamId, "rival", cancellationToken);
        stream.AppendOne(new TaskRenamed(request.Title));
        await session.SaveChangesAsync(cancellationToken);
        return 1;
    }

    private async Task RenameElsewhereAsync(string streamId, string title, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rival = scope.ServiceProvider.GetRequiredService<IEventSession<TaskModule>>();
        rival.Events.Append(streamId, new TaskRenamed(title));
        await rival.SaveChangesAsync(cancellationToken);
    }
}
