namespace Portal.Modules.Catalog.Tests;

// What the catalog's background services do (location processing, relation stitching) has no completion to await.
internal static class Background
{
    // Polls until the condition holds, failing after 20 s.
    public static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
