namespace LoiTracker.Api.Infrastructure;

/// <summary>
/// Secrets a developer's machine keeps outside the repository (<c>~/.loitracker/…</c>), made on first use and readable by
/// the owner only, so the Api and its command line agree on them: the token key (ADR 4), the sealing key (ADR 28).
/// </summary>
public static class DevelopmentFiles
{
    public static string Folder => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".loitracker");

    /// <summary>The file's text, written first with <paramref name="make"/> when there is none; two processes racing share the first.</summary>
    public static string ReadOrCreate(string path, Func<string> make)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                using (var writer = new StreamWriter(stream)) writer.Write(make());
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }
        return File.ReadAllText(path);
    }
}
