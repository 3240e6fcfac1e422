using System.Text;
using PolicyLang.Tooling;

namespace PolicyLang.Simulation.Data;

/// <summary>The columns of a table: names and DuckDB types, in order.</summary>
internal sealed record TableLayout(IReadOnlyList<string> Names, IReadOnlyList<string> Types);

/// <summary>
/// Remembers district data whose cohorts passed the checks that take a pass over every row (no null; a grade 1–12;
/// counts 0 or more and within a 32-bit count; participants within students; every category a known one; every
/// school_id one of the schools'), with the category names the table uses and the tables' columns (so that a later load
/// need not ask DuckDB for them), by the identity of its files: full path,
/// length and last write time (for a DuckDB database, of its write-ahead log too). A later load of the same, unchanged
/// files skips those passes, as a district analyst runs one data set through scenario after scenario; a file that
/// changed in any way is checked again. The schools are read and checked in full every time.
/// <para>
/// An entry holds for this build of the loader only (the checks may change with it). A file written less than two
/// seconds before its check began is not remembered: on a file system with coarse times a change within the same tick
/// would not show; nor is one that changed while it was checked. Entries are small text files, written atomically, in
/// <c>checked-data/</c> of the compiled-policy cache ($POLICYC_CACHE, else ~/.cache/policyc; POLICYC_CACHE=off keeps
/// none); one that cannot be read or written only costs the checks.
/// </para>
/// </summary>
public sealed class CheckedDataCache
{
    /// <summary>How long before a check a file must have been written last to be remembered.</summary>
    public static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);

    private const int MaxEntryBytes = 64 * 1024;
    private static readonly string s_stamp = "policyc checked district data, loader " +
        typeof(CheckedDataCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private int _hits;

    public CheckedDataCache(string directory) => Directory = directory;

    /// <summary>The cache in the compiled-policy cache's folder; null when that is off or there is no home folder.</summary>
    public static CheckedDataCache? Default =>
        CompiledPolicy.CacheDirectory is { } directory ? new CheckedDataCache(Path.Combine(directory, "checked-data")) : null;

    public string Directory { get; }

    /// <summary>How many loads through this cache found their files remembered (and so skipped the checks).</summary>
    public int Hits => _hits;

    /// <summary>What is remembered of <paramref name="files"/> as they are now (the first is the data set's own path).</summary>
    internal CheckedFiles Open(params string[] files)
    {
        var opened = DateTime.UtcNow;
        var full = files.Select(Path.GetFullPath).ToArray();
        var identity = Identity(full);
        // Named by this loader too, so that two builds of policyc do not overwrite each other's entries.
        var entry = Path.Combine(Directory, CacheNames.Of(s_stamp + "\n" + string.Join("\n", full)) + ".txt");
        var (passed, categories, tables) = Find(entry, identity);
        if (passed) Interlocked.Increment(ref _hits);
        return new CheckedFiles(entry, full, identity, opened, passed, categories, tables);
    }

    /// <summary>The stamp of this loader and, for each file, its path, length and last write time (or that it is absent).</summary>
    internal static string Identity(string[] files)
    {
        var text = new StringBuilder(s_stamp).Append('\n');
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            text.Append(file).Append('\t');
            if (info.Exists) text.Append(info.Length).Append('\t').Append(info.LastWriteTimeUtc.Ticks);
            else text.Append("absent");
            text.Append('\n');
        }
        return text.ToString();
    }

    private const string CategoriesLine = "categories";
    private const string TableLine = "table";

    private static (bool Passed, IReadOnlyList<string>? Categories, IReadOnlyDictionary<string, TableLayout>? Tables) Find(string entry, string identity)
    {
        try
        {
            var info = new FileInfo(entry);
            if (!info.Exists || info.Length > MaxEntryBytes) return (false, null, null);
            var text = File.ReadAllText(entry, Encoding.UTF8);
            if (!text.StartsWith(identity, StringComparison.Ordinal)) return (false, null, null);
            var rest = text.AsSpan(identity.Length);
            if (!rest.EndsWith("\n")) return (false, null, null);
            var lines = rest[..^1].ToString().Split('\n');
            var fields = lines[0].Split('\t');
            if (fields[0] != CategoriesLine) return (false, null, null);
            IReadOnlyList<string>? categories = lines[0] == CategoriesLine + "\t?" ? null : fields.Skip(1).ToArray();
            return (true, categories, Tables(lines.Skip(1)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return (false, null, null);
        }
    }

    /// <summary>The tables' layouts of an entry's lines "table, its name, then each column's name and type"; null when there are none or one is garbled.</summary>
    private static IReadOnlyDictionary<string, TableLayout>? Tables(IEnumerable<string> lines)
    {
        var tables = new Dictionary<string, TableLayout>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            if (fields.Length < 4 || fields.Length % 2 != 0 || fields[0] != TableLine || fields.Any(f => f.Length == 0)) return null;
            var columns = (fields.Length - 2) / 2;
            tables[fields[1]] = new TableLayout(
                Enumerable.Range(0, columns).Select(k => fields[2 + 2 * k]).ToArray(),
                Enumerable.Range(0, columns).Select(k => fields[3 + 2 * k]).ToArray());
        }
        return tables.Count == 0 ? null : tables;
    }

    private static string TableLines(IReadOnlyDictionary<string, TableLayout>? tables)
    {
        if (tables is null) return "";
        var text = new StringBuilder();
        foreach (var (name, layout) in tables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var fields = new List<string> { TableLine, name };
            for (var k = 0; k < layout.Names.Count; k++)
            {
                fields.Add(layout.Names[k]);
                fields.Add(layout.Types[k]);
            }
            // A name with a tab or a line break (or none) is not remembered: the entry would not read back as it was.
            if (layout.Names.Count == 0 || fields.Any(f => f.Length == 0 || f.Contains('\t') || f.Contains('\n') || f.Contains('\r'))) return "";
            text.Append(string.Join("\t", fields)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>One data set's files in the cache: whether they passed before, and remembering that they passed now.</summary>
    internal sealed class CheckedFiles
    {
        private readonly string _entry;
        private readonly string[] _files;
        private readonly string _identity;
        private readonly DateTime _opened;

        public CheckedFiles(string entry, string[] files, string identity, DateTime opened, bool passed, IReadOnlyList<string>? categories,
            IReadOnlyDictionary<string, TableLayout>? tables)
        {
            (_entry, _files, _identity, _opened, Passed, Categories, Tables) = (entry, files, identity, opened, passed, categories, tables);
        }

        /// <summary>The files passed every whole-table check before and have not changed since.</summary>
        public bool Passed { get; }

        /// <summary>The category names the cohorts use, as stored, when known.</summary>
        public IReadOnlyList<string>? Categories { get; }

        /// <summary>The layouts of the tables (their columns and rows) when the files passed and the load that checked them noted them.</summary>
        public IReadOnlyDictionary<string, TableLayout>? Tables { get; }

        /// <summary>
        /// Remembers that the files passed every whole-table check (and the category names they use, when known), unless
        /// one was written too shortly before the check began or changed while it ran.
        /// </summary>
        public void Remember(IReadOnlyList<string>? categories, IReadOnlyDictionary<string, TableLayout>? tables = null)
        {
            if (Passed && (categories is null || Categories is not null) && (tables is null || Tables is not null)) return;
            categories ??= Categories;
            tables ??= Tables;
            if (categories is not null && categories.Any(c => c.Contains('\t') || c.Contains('\n') || c.Contains('\r') || c == "?")) categories = null;
            if (Identity(_files) != _identity) return;
            foreach (var file in _files)
            {
                if (File.Exists(file) && File.GetLastWriteTimeUtc(file) > _opened - Settled) return;
            }
            var line = CategoriesLine + "\t" + (categories is null ? "?" : string.Join("\t", categories));
            AtomicFile.TryWriteCacheEntry(_entry, Encoding.UTF8.GetBytes(_identity + line + "\n" + TableLines(tables)));
        }
    }
}
