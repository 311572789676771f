namespace Portal.SharedKernel.Http;

/// <summary>Maps a module's routes (Carter's <c>ICarterModule</c> shape). Found by assembly scan; may stay internal.</summary>
public interface IEndpointModule
{
    void AddRoutes(IEndpointRouteBuilder app);
}
