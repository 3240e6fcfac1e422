namespace PolicyLang.Simulation.Data;

/// <summary>
/// Writes files so that a reader sees the old content or the new, never half of it: each file is written under a
/// temporary name in its own folder, then renamed over the target.
/// </summary>
internal static class AtomicOutput
{
    public static string TempPath(string target)
    {
        var full = Path.GetFullPath(target);
        var directory = Path.GetDirectoryName(full) ?? ".";
        return Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>Writes one file: <paramref name="write"/> fills the temporary path, which then replaces the target.</summary>
    public static void File(string target, Action<string> write) => Files(new[] { target }, temps => write(temps[0]));

    /// <summary>
    /// Writes several files of one folder together: all are written under temporary names first, and renamed only
    /// when every one of them is complete.
    /// </summary>
    public static void Files(IReadOnlyList<string> targets, Action<string[]> write)
    {
        foreach (var target in targets)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(target));
            if (directory is not null) Directory.CreateDirectory(directory);
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

    /// <summary>Opens a temporary file for writing, buffered.</summary>
    public static FileStream Create(string temp) =>
        new(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

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

internal static class ArrayMemory
{
    public static ReadOnlyMemory<T> ReadOnly<T>(this T[] array) => array;
    public static ReadOnlyMemory<T> ReadOnly<T>(this T[] array, Range range) => new ReadOnlyMemory<T>(array)[range];
    public static ReadOnlyMemory<T> ReadOnly<T>(this T[] array, int start, int length) => new(array, start, length);
}
