using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.SharedKernel.Outbound;

namespace Portal.Modules.Catalog.Infrastructure.Locations;

internal static class LocationServices
{
    public static IServiceCollection AddLocations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LocationOptions>(configuration.GetSection(LocationOptions.Section));
        services.AddOutboundHttpClient(UrlLocationReader.ClientName);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<LocationOptions>>().Value;
            return new ScmUrls(options.GitHubHosts, options.GitLabHosts);
        });
        services.AddSingleton<ILocationReader, FileLocationReader>();
        services.AddSingleton<ILocationReader, UrlLocationReader>();
        services.AddSingleton<LocationReaders>();
        services.AddSingleton<LocationWalker>();
        services.AddSingleton<LocationProcessingSignal>();
        services.AddSingleton<RegisteredWalks>();
        services.Configure<CatalogProcessingOptions>(configuration.GetSection(CatalogProcessingOptions.Section));
        services.AddHostedService<LocationProcessingAgent>();
        return services;
    }
}
