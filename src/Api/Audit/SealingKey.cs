using System.Security.Cryptography;
using LoiTracker.Projections.Audit;

namespace LoiTracker.Api.Audit;

/// <summary>
/// The key the audit job signs its seals with (ADR 28): ECDSA P-256 with SHA-256, signatures as r‖s (IEEE P1363). It is
/// never stored in the database, so someone who can rewrite the tables cannot sign what they wrote.
/// <c>Audit:SealingKey</c> (a PEM private key) or <c>Audit:SealingKeyFile</c> wins; in Development a key is created on
/// first use outside the repository (<c>~/.loitracker/dev-sealing.pem</c>). Outside Development without one, seals
/// carry their digests only, the start says so in the log, and the verification answers <c>signed: false</c>.
/// </summary>
public sealed class SealingKey : ISealSigner, IDisposable
{
    private readonly ECDsa _key;

    private SealingKey(ECDsa key)
    {
        _key = key;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        // The id names the key, not the deployment: the first 16 hex digits of the SHA-256 of its public key.
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    public const string Algorithm = "ES256";

    public string KeyId { get; }
    public string PublicKeyPem { get; }

    public byte[] Sign(byte[] statement) => _key.SignData(statement, HashAlgorithmName.SHA256);

    public bool Verifies(byte[] statement, byte[] signature) => _key.VerifyData(statement, signature, HashAlgorithmName.SHA256);

    public void Dispose() => _key.Dispose();

    /// <summary>The configured key; in Development one made on first use; otherwise none (null).</summary>
    public static SealingKey? Load(IConfiguration configuration, bool development)
    {
        var pem = configuration["Audit:SealingKey"] is { Length: > 0 } text ? text
            : configuration["Audit:SealingKeyFile"] is { Length: > 0 } file ? File.ReadAllText(file)
            : development ? DevelopmentKey() : null;
        if (pem is null) return null;
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException e)
        {
            key.Dispose();
            throw new InvalidOperationException("Audit:SealingKey is not a PEM private key (openssl ecparam -name prime256v1 -genkey -noout | " +
                                                "openssl pkcs8 -topk8 -nocrypt).", e);
        }
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidOperationException($"Audit:SealingKey must be an ECDSA P-256 key, not {key.KeySize} bits.");
        }
        return new SealingKey(key);
    }

    private static string DevelopmentKey() =>
        DevelopmentFiles.ReadOrCreate(Path.Combine(DevelopmentFiles.Folder, "dev-sealing.pem"), () =>
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return created.ExportPkcs8PrivateKeyPem();
        });
}

/// <summary>The sealing key this Api holds, or none: a service of its own, since a missing key is a state, not an error.</summary>
public sealed record Sealing(SealingKey? Key);
