using System.Security.Cryptography;
using System.Text;

namespace Portal.Modules.Catalog.Domain;

// metadata.etag names what is served: the content (its hash) with the relations last recorded in the entity's stream
// (their digest), so it moves with every event that changes either. 40 hex digits, like Backstage's SHA-1 etags.
internal static class EntityEtag
{
    // SHA-256 of the relations array's text, as PostgreSQL's catalog.relations_digest computes it for the stitched values.
    public static readonly string NoRelations = DigestOf("[]");

    public static string Of(string contentHash, string relationsDigest) => Hex($"{contentHash}:{relationsDigest}")[..40];

    public static string DigestOf(string relationsJson) => Hex(relationsJson);

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
