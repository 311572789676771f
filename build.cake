// Build script for `dotnet cake` (after `dotnet tool restore`): --target=Build|Test|Bench, --configuration=Release.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Debug");

Task("Clean")
    .Does(() => DotNetClean("Portal.sln", new DotNetCleanSettings { Configuration = configuration }));

Task("Build")
    .Does(() => DotNetBuild("Portal.sln", new DotNetBuildSettings { Configuration = configuration }));

// The same command README.md and .ci/run use, so every way of testing tests the same thing.
Task("Test")
    .IsDependentOn("Build")
    .Does(() => DotNetTest("Portal.sln", new DotNetTestSettings { Configuration = configuration, NoBuild = true }));

Task("Bench")
    .Does(() => StartProcess("bash", new ProcessSettings { Arguments = "bench/run-all.sh" }));

RunTarget(target);
