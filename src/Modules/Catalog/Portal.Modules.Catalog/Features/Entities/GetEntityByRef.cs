using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Domain;
using Portal.Modules.Catalog.Projections;

namespace Portal.Modules.Catalog.Features.Entities;

// Other modules resolve an entity by ref in process (TechDocs, Che, DevLake); the namespace defaults to "default".
internal sealed class GetEntityByRefHandler(EntityReader reader) : IRequestHandler<GetEntityByRef, JsonObject?>
{
    public async Task<JsonObject?> Handle(GetEntityByRef request, CancellationToken cancellationToken) =>
        (await reader.ByRefsAsync([EntityRef.Parse(request.EntityRef).ToString()], cancellationToken))[0];
}
