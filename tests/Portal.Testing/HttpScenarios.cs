using System.Net.Http.Json;
using System.Text;

namespace Portal.Testing;

/// <summary>Alba's scenario shape over a plain HttpClient: send one request, get a result to assert on.</summary>
public static class HttpScenarios
{
    /// <summary>Sends <paramref name="json"/> as the body: a string goes as it is (for malformed input), anything else is serialized.</summary>
    public static async Task<ScenarioResult> Scenario(this HttpClient client, HttpMethod method, string url, object? json = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = json is string raw
                ? new StringContent(raw, Encoding.UTF8, "application/json")
                : JsonContent.Create(json);
        }

        var response = await client.SendAsync(request);
        return new ScenarioResult(response, await response.Content.ReadAsStringAsync());
    }

    public static Task<ScenarioResult> GetScenario(this HttpClient client, string url) => client.Scenario(HttpMethod.Get, url);
}
