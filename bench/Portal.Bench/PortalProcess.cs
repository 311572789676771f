using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Portal.Bench;

/// <summary>The real Portal host as its own process (Release build) on a free loopback port, over a given database.</summary>
internal sealed class PortalProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private PortalProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                Console.WriteLine(text);
                _lines.Writer.TryWrite(text);
            }
        };
        _process.BeginOutputReadLine();
    }

    public string BaseUrl { get; }

    /// <summary>Starts the host; each setting is a further <c>--Key=value</c> argument.</summary>
    public static async Task<PortalProcess> StartAsync(string hostDll, string connectionString, string serviceToken, params string[] settings)
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
            RedirectStandardOutput = true,
        };
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        var host = new PortalProcess(process, baseUrl);

        using var probe = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await probe.GetAsync($"{baseUrl}/health/ready")).IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50);
        }

        host.Dispose();
        throw new InvalidOperationException("the host did not become ready within 60 s");
    }

    /// <summary>The next line of the host's output, printed since the last call, that contains the text.</summary>
    public async Task<string> NextLineAsync(string containing, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await _lines.Reader.ReadAsync(cancellation.Token);
            if (line.Contains(containing, StringComparison.Ordinal))
            {
                return line;
            }
        }
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
