using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Bench;

/// <summary>The real Portal host as its own process (Release build) on a free loopback port, over a given database.</summary>
internal sealed class PortalProcess : IDisposable
{
    private readonly Process _process;

    private PortalProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<PortalProcess> StartAsync(string hostDll, string connectionString, string serviceToken)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                hostDll, $"--ConnectionStrings:Portal={connectionString}", $"--Urls={baseUrl}",
                $"--Auth:ServiceTokens:0:Token={serviceToken}", "--Auth:ServiceTokens:0:Subject=bench",
                "--Serilog:MinimumLevel:Default=Warning",
            },
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");

        using var probe = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await probe.GetAsync($"{baseUrl}/health/ready")).IsSuccessStatusCode)
                {
                    return new PortalProcess(process, baseUrl);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("the host did not become ready within 60 s");
    }

    /// <summary>Resident memory now and at its peak, from /proc.</summary>
    public string Memory()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        string Field(string name) => status.First(l => l.StartsWith(name, StringComparison.Ordinal))[(name.Length + 1)..].Trim();
        return $"RSS {Field("VmRSS")}, peak RSS {Field("VmHWM")}";
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
