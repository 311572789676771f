using Dapper;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Http;
using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.Tests.EventStore;

internal sealed record TaskOpened(string Title);

internal sealed record TaskRenamed(string Title);

internal sealed record TaskClosed;

internal sealed record ProjectionFailureRequested;

internal sealed record UnregisteredEvent;

/// <summary>An immutable aggregate: <c>Create</c> then <c>Apply</c> returning the next state.</summary>
internal sealed record TodoTask(string Title, bool Closed, int Renames)
{
    public static TodoTask Create(TaskOpened opened) => new(opened.Title, false, 0);

    public TodoTask Apply(TaskRenamed renamed) => this with { Title = renamed.Title, Renames = Renames + 1 };

    public TodoTask Apply(TaskClosed closed) => this with { Closed = true };
}

/// <summary>A mutable aggregate: parameterless constructor and <c>void Apply</c>.</summary>
internal sealed class TaskHistory
{
    public List<string> Titles { get; } = [];

    public void Apply(TaskOpened opened) => Titles.Add(opened.Title);

    public void Apply(TaskRenamed renamed) => Titles.Add(renamed.Title);
}

internal sealed class TaskModule : IPortalModule
{
    public string Schema => "tasks";

    public string BasePath => "/api/tasks";

    public ErrorStyle ErrorStyle => ErrorStyle.Plugin;

    public void Register(ModuleBuilder module)
    {
        module.Events
            .Add<TaskOpened>("task-opened")
            .Add<TaskRenamed>("task-renamed")
            .Add<TaskClosed>("task-closed")
            .Add<ProjectionFailureRequested>("projection-failure-requested");
        module.Database.Migration(1, "read models", """
            create table tasks.task_summaries (stream_id text primary key, title text not null, events int not null);
            create table tasks.task_log (seq bigint primary key, stream_id text not null, type text not null);
            """);
        module.Projections.Inline<TaskSummaries>();
        module.Projections.Async<TaskLog>();
    }
}

/// <summary>Inline: one row per stream with its latest title and event count.</summary>
internal sealed class TaskSummaries : IInlineProjection
{
    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        foreach (var stored in events)
        {
            var title = stored.Data switch
            {
                TaskOpened opened => opened.Title,
                TaskRenamed renamed => renamed.Title,
                ProjectionFailureRequested => throw new InvalidOperationException("projection failure requested"),
                _ => null,
            };
            await context.Connection.ExecuteAsync(
                """
                insert into tasks.task_summaries (stream_id, title, events) values (@StreamId, coalesce(@Title, ''), 1)
                on conflict (stream_id) do update set title = coalesce(@Title, task_summaries.title), events = task_summaries.events + 1
                """,
                new { stored.StreamId, Title = title },
                context.Transaction);
        }
    }
}

/// <summary>Async: one row per event, so tests can see exactly which events were applied.</summary>
internal sealed class TaskLog : IAsyncProjection
{
    public string Name => "task-log";

    public Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(
            "insert into tasks.task_log (seq, stream_id, type) values (@Sequence, @StreamId, @TypeName)",
            events.Select(e => new { e.Sequence, e.StreamId, e.TypeName }),
            context.Transaction);

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync("delete from tasks.task_log", transaction: context.Transaction);
}
