using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Portal.SharedKernel.Auth;
using Portal.SharedKernel.Http;
using Portal.SharedKernel.Mediator;
using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.Tests.Http;

// A one-slice module another team might write, used to drive the HTTP plumbing from outside.
internal sealed class ProbeModule : IPortalModule
{
    public string Schema => "probe";

    public string BasePath => "/api/probe";

    public ErrorStyle ErrorStyle => ErrorStyle.Backstage;

    public void Register(ModuleBuilder module)
    {
    }
}

internal sealed record CreateWidget(string? Name, int Size, string? Owner) : IRequest<CreateWidget>;

internal sealed class CreateWidgetValidator : AbstractValidator<CreateWidget>
{
    public CreateWidgetValidator()
    {
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.Size).InclusiveBetween(1, 10);
        RuleFor(x => x.Owner).NotEmpty();
    }
}

internal sealed class CreateWidgetHandler : IRequestHandler<CreateWidget, CreateWidget>
{
    public Task<CreateWidget> Handle(CreateWidget request, CancellationToken cancellationToken) =>
        request.Name == "explode"
            ? throw new InvalidOperationException("connection string Password=hunter2 leaked")
            : Task.FromResult(request);
}

internal sealed record WhoAmI(string Subject, bool IsService, string? User, string? CorrelationId);

internal sealed class ProbeEndpoints : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/probe/widgets", (CreateWidget request, ISender sender, CancellationToken ct) => sender.Send(request, ct));
        app.MapGet("/api/probe/whoami", (Caller caller, OperationContext operation) =>
            new WhoAmI(caller.Subject, caller.IsService, operation.User, operation.CorrelationId));
    }
}
