using System.Text;

namespace PolicyLang.Tooling;

/// <summary>
/// Writes files so that a reader sees the old content or the new, never half of it: each file is written under a
/// temporary name in its own folder, then renamed over the target. The one writer of every output policyc makes
/// (assemblies, formatted policies, data sets, results, reports). A missing folder is an error unless the caller
/// asks for it to be made.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string content) => WriteAllBytes(path, s_utf8.GetBytes(content));

    /// <summary>Writes the bytes and flushes them to disk before the rename.</summary>
    public static void WriteAllBytes(string path, byte[] content) => File(path, temp =>
    {
        using var stream = Create(temp);
        stream.Write(content, 0, content.Length);
        stream.Flush(flushToDisk: true);
    });

    /// <summary>
    /// Writes an entry of a cache (its folder made as needed, not flushed to disk); false when it cannot be written,
    /// which only costs the cached work next time.
    /// </summary>
    public static bool TryWriteCacheEntry(string path, byte[] content)
    {
        try
        {
            File(path, temp => System.IO.File.WriteAllBytes(temp, content), createFolder: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Writes one file: <paramref name="write"/> fills the temporary path, which then replaces the target.</summary>
    public static void File(string target, Action<string> write, bool createFolder = false) =>
        Files(new[] { target }, temps => write(temps[0]), createFolder);

    /// <summary>
    /// Writes several files together: all are written under temporary names first, and renamed only when every one
    /// of them is complete. On any failure the temporary files are removed and the targets are left as they were.
    /// </summary>
    public static void Files(IReadOnlyList<string> targets, Action<string[]> write, bool createFolders = false)
    {
        if (createFolders)
        {
            foreach (var target in targets)
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(target));
                if (directory is not null) Directory.CreateDirectory(directory);
            }
        }
        var temps = targets.Select(TempPath).ToArray();
        try
        {
            write(temps);
            for (var i = 0; i < targets.Count; i++) System.IO.File.Move(temps[i], Path.GetFullPath(targets[i]), overwrite: true);
        }
        catch
        {
            foreach (var temp in temps) Delete(temp);
            throw;
        }
    }

    /// <summary>The temporary name beside <paramref name="target"/> (hidden, unique).</summary>
    public static string TempPath(string target)
    {
        var full = Path.GetFullPath(target);
        var directory = Path.GetDirectoryName(full) ?? ".";
        return Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>Opens a temporary file for writing, buffered.</summary>
    public static FileStream Create(string temp) =>
        new(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    /// <summary>Removes a temporary file (and a database's write-ahead log beside it), quietly.</summary>
    public static void Delete(string path)
    {
        try
        {
            if (System.IO.File.Exists(path)) System.IO.File.Delete(path);
            if (System.IO.File.Exists(path + ".wal")) System.IO.File.Delete(path + ".wal");
        }
        catch (IOException)
        {
            // The original failure matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
