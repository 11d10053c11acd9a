using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace LoiTracker.Api.Auth;

/// <summary>
/// The local signing key (docs/adr/0004-authentication-and-roles.md). <c>Auth:SigningKey</c> wins; otherwise a
/// random key is kept in a file outside the repository (<c>Auth:SigningKeyFile</c>, by default
/// <c>~/.loitracker/dev-signing.key</c>), created on first use, so the <c>token</c> command and the Api agree.
/// </summary>
public static class SigningKey
{
    public const string Issuer = "loitracker-local";
    public const string Audience = "loitracker";

    public static SymmetricSecurityKey Load(IConfiguration configuration)
    {
        var configured = configuration["Auth:SigningKey"];
        if (!string.IsNullOrWhiteSpace(configured)) return FromText(configured);

        var path = configuration["Auth:SigningKeyFile"] is { Length: > 0 } file
            ? file
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".loitracker", "dev-signing.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                stream.Write(Encoding.ASCII.GetBytes(key));
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }
        return FromText(File.ReadAllText(path).Trim());
    }

    private static SymmetricSecurityKey FromText(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes long.");
        return new SymmetricSecurityKey(bytes) { KeyId = "local" };
    }
}
