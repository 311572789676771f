using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.SharedKernel.Mediator;
using Portal.SharedKernel.Modules;

namespace Portal.Modules.Catalog.Tests;

// Entities as a location file would hold them, and a way to send catalog requests in process as a given caller.
internal static class TestEntities
{
    public static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..30];

    public static JsonObject Component(string name, string owner = "team-a", string type = "service", string? ns = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject
        {
            ["apiVersion"] = "backstage.io/v1alpha1",
            ["kind"] = "Component",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["type"] = type, ["lifecycle"] = "production", ["owner"] = owner },
        };
    }

    public static JsonObject Group(string name) => new()
    {
        ["apiVersion"] = "backstage.io/v1alpha1",
        ["kind"] = "Group",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["type"] = "team", ["children"] = new JsonArray() },
    };

    public static async Task<TResponse> SendAsync<TResponse>(this IServiceProvider services, IRequest<TResponse> request, string? user = null)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OperationContext>().User = user;
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    public static async Task<T> InScopeAsync<TService, T>(this IServiceProvider services, Func<TService, Task<T>> use)
        where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
