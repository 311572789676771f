using System.Net;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Testing;

namespace Portal.Modules.Catalog.Tests.Locations;

public sealed class RegisterLocationTests(LocationsApp app) : IClassFixture<LocationsApp>
{
    private readonly HttpClient _client = app.CreateClientWithServiceToken();

    private string NewFile(string text) => app.Files.Write($"{Guid.NewGuid():N}/catalog-info.yaml", text);

    [Fact]
    public async Task Registering_answers_201_with_Backstage_s_body_and_the_extended_fields()
    {
        var path = NewFile(Yaml.Component($"svc-{Guid.NewGuid():N}"));
        var entityRef = $"location:default/{new LocationKey("file", path).GeneratedEntityName}";

        var created = (await _client.RegisterAsync("file", path)).StatusCodeShouldBe(HttpStatusCode.Created).Json();

        var id = created.GetProperty("locationId").GetString();
        Assert.Equal(
            $$"""{"location":{"id":"{{id}}","type":"file","target":"{{path}}","entityRef":"{{entityRef}}"},"entities":[],"locationId":"{{id}}","type":"file","target":"{{path}}","status":"processing"}""",
            created.Compact());
        Assert.Equal(created.GetProperty("location").Compact(), (await _client.GetScenario($"/api/catalog/locations/{id}")).StatusCodeShouldBe(HttpStatusCode.OK).Json().Compact());
        var listed = (await _client.GetScenario("/api/catalog/locations")).Json().EnumerateArray().Select(item => item.GetProperty("data").Compact());
        Assert.Contains(created.GetProperty("location").Compact(), listed);
    }

    [Fact]
    public async Task The_same_type_and_target_again_is_a_409_unless_asked_to_refresh()
    {
        var path = NewFile(Yaml.Component($"svc-{Guid.NewGuid():N}"));
        var id = await _client.RegisteredIdAsync("file", path);

        (await _client.RegisterAsync("file", path)).ShouldBeError(HttpStatusCode.Conflict, "ConflictError", $"Location file:{path} already exists");
        var refreshed = (await _client.RegisterAsync("file", path, "?onConflict=refresh")).StatusCodeShouldBe(HttpStatusCode.Created).Json();

        Assert.Equal(id, refreshed.GetProperty("location").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_dry_run_stores_nothing_and_answers_with_the_entities_that_would_come()
    {
        var name = $"svc-{Guid.NewGuid():N}";
        var path = NewFile(Yaml.Component(name));
        var key = new LocationKey("file", path);

        var preview = (await _client.RegisterAsync("file", path, "?dryRun=true")).StatusCodeShouldBe(HttpStatusCode.Created).Json();

        Assert.Equal(
            $$"""{"type":"file","target":"{{path}}","id":"file:{{path}}","entityRef":"location:default/{{key.GeneratedEntityName}}"}""",
            preview.GetProperty("location").Compact());
        Assert.False(preview.GetProperty("exists").GetBoolean());
        var entities = preview.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal([key.GeneratedEntityName, name], entities.Select(e => e.GetProperty("metadata").GetProperty("name").GetString()));
        Assert.Equal($"file:{path}", entities[1].GetProperty("metadata").GetProperty("annotations").GetProperty("backstage.io/managed-by-origin-location").GetString());
        Assert.DoesNotContain(path, (await _client.GetScenario("/api/catalog/locations")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_of_a_registered_location_says_it_exists()
    {
        var path = NewFile(Yaml.Component($"svc-{Guid.NewGuid():N}"));
        await _client.RegisteredIdAsync("file", path);

        var preview = (await _client.RegisterAsync("file", path, "?dryRun=yes")).StatusCodeShouldBe(HttpStatusCode.Created).Json();

        Assert.True(preview.GetProperty("exists").GetBoolean());
    }

    [Fact]
    public async Task A_type_that_is_not_allowed_is_refused_even_in_a_dry_run()
    {
        const string Message = "Registered locations must be of an allowed type [\"url\",\"file\"]";

        (await _client.RegisterAsync("ftp", "ftp://127.0.0.1/x.yaml")).ShouldBeError(HttpStatusCode.BadRequest, "InputError", Message);
        (await _client.RegisterAsync("ftp", "ftp://127.0.0.1/x.yaml", "?dryRun=true")).ShouldBeError(HttpStatusCode.BadRequest, "InputError", Message);
    }

    [Fact]
    public async Task An_invalid_entity_is_a_400_naming_the_file_the_document_and_the_field()
    {
        var path = NewFile(Yaml.Documents(Yaml.Component("fine"), Yaml.Component("broken").Replace("  owner: team-a", "")));

        var result = await _client.RegisterAsync("file", path);

        result.ShouldBeError(HttpStatusCode.BadRequest, "InputError",
            $"Invalid location file:{path}: file:{path}, document 2, spec.owner: /spec must have required property 'owner' - missingProperty: owner");
    }

    [Theory]
    [InlineData("url", "http://10.255.255.1/catalog-info.yaml", "Unable to read: Outbound request to '10.255.255.1' refused: 10.255.255.1 is a private address")]
    [InlineData("file", "{root}/missing.yaml", "Unable to read: no such file")]
    [InlineData("file", "/etc/hostname", "Unable to read: the file is outside the directories in Catalog:Locations:FileRoots")]
    public async Task A_target_that_cannot_be_read_is_a_400(string type, string target, string message)
    {
        target = target.Replace("{root}", app.Files.Root);

        var result = await _client.RegisterAsync(type, target);

        result.ShouldBeError(HttpStatusCode.BadRequest, "InputError", $"Invalid location {type}:{target}: {type}:{target}: {message}");
    }

    [Fact]
    public async Task An_alias_bomb_is_a_400()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(1, 9).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat(i == 1 ? "*a" : $"*a{i - 1}", 10))}]\n"));
        var path = NewFile(bomb);

        Assert.EndsWith("document 1: YAML aliases expand to more than 10000 nodes", (await _client.RegisterAsync("file", path)).StatusCodeShouldBe(HttpStatusCode.BadRequest).Message(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_a_400()
    {
        var path = NewFile("a: " + new string('x', 1024 * 1024));

        Assert.EndsWith("larger than the limit of 1048576 bytes (Catalog:Locations:MaxFileBytes)", (await _client.RegisterAsync("file", path)).StatusCodeShouldBe(HttpStatusCode.BadRequest).Message(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_documents_are_a_400()
    {
        var path = NewFile(string.Join("\n---\n", Enumerable.Repeat("a: 1", 5_001)));

        Assert.EndsWith("document 5001: more than 5000 YAML documents in one file", (await _client.RegisterAsync("file", path)).StatusCodeShouldBe(HttpStatusCode.BadRequest).Message(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nesting_deeper_than_the_limit_is_a_400()
    {
        var folder = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 12; i++)
        {
            app.Files.Write($"{folder}/{i}.yaml", Yaml.Location($"deep-{folder}-{i}", $"./{i + 1}.yaml"));
        }

        var result = await _client.RegisterAsync("file", Path.Combine(app.Files.Root, folder, "0.yaml"));

        Assert.Contains("Locations nested deeper than 10 levels", result.StatusCodeShouldBe(HttpStatusCode.BadRequest).Message(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "request/body must have required property 'target'")]
    [InlineData("""{"target":"/x.yaml"}""", "request/body must have required property 'type'")]
    [InlineData("""{"type":"file","target":"/x.yaml","presence":"sometimes"}""", "request/body/presence must be equal to one of the allowed values: required, optional")]
    public async Task A_body_missing_what_is_required_is_a_400(string body, string message)
    {
        var result = await _client.Scenario(HttpMethod.Post, "/api/catalog/locations", body);

        Assert.StartsWith(message, result.StatusCodeShouldBe(HttpStatusCode.BadRequest).Message(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"file","target":"/x.yaml","extra":1}""")]
    [InlineData("""{"type":"file","target":5}""")]
    [InlineData("""{"type":"file",""")]
    [InlineData("[]")]
    public async Task A_malformed_body_is_a_400(string body) =>
        (await _client.Scenario(HttpMethod.Post, "/api/catalog/locations", body)).StatusCodeShouldBe(HttpStatusCode.BadRequest);

    [Theory]
    [InlineData("?other=1", "Unknown query parameter 'other'")]
    [InlineData("?onConflict=ignore", "request/query/onConflict must be equal to one of the allowed values: refresh, reject")]
    public async Task Bad_query_parameters_are_a_400(string query, string message) =>
        (await _client.RegisterAsync("file", "/x.yaml", query)).ShouldBeError(HttpStatusCode.BadRequest, "InputError", message);

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-an-id")]
    public async Task An_unknown_location_is_a_404(string id) =>
        (await _client.GetScenario($"/api/catalog/locations/{id}")).ShouldBeError(HttpStatusCode.NotFound, "NotFoundError", $"Found no location with ID {id}");
}
