using PolicyLang.Diagnostics;
using PolicyLang.LanguageServer.Analysis;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.Syntax;
using PolicyLang.Text;

namespace PolicyLang.LanguageServer.Server;

/// <summary>
/// The open documents and the workspace folders around them. Every change makes new snapshots; analyses are
/// computed on demand, once per snapshot, outside the lock, so requests and the diagnostics loop never wait on
/// each other. A policy that extends another finds it among the open documents first (their unsaved text), then
/// on disk beside it and in the workspace folders.
/// </summary>
public sealed class Workspace : IPolicyResolver
{
    private readonly object _lock = new();
    private readonly Dictionary<string, PolicyDocument> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lazy<DocumentAnalysis>> _analyses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lazy<SyntaxTree>> _trees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTime Stamp, SyntaxTree? Tree)> _disk = new(StringComparer.Ordinal);
    private readonly List<string> _folders = new();
    private long _generation;

    public Workspace(Language language = Language.English) => Language = language;

    /// <summary>Messages and hovers speak the client's language.</summary>
    public Language Language { get; set; }

    /// <summary>Grows with every change: an analysis belongs to one generation.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public IReadOnlyList<string> Folders
    {
        get
        {
            lock (_lock) return _folders.ToList();
        }
    }

    public void AddFolder(string path)
    {
        lock (_lock)
        {
            if (!_folders.Any(f => Uris.SamePath(f, path))) _folders.Add(path);
            Changed();
        }
    }

    public void RemoveFolder(string path)
    {
        lock (_lock)
        {
            _folders.RemoveAll(f => Uris.SamePath(f, path));
            Changed();
        }
    }

    public IReadOnlyList<string> OpenUris
    {
        get
        {
            lock (_lock) return _open.Keys.ToList();
        }
    }

    public bool IsOpen(string uri)
    {
        lock (_lock) return _open.ContainsKey(uri);
    }

    public void Open(string uri, int version, string text)
    {
        lock (_lock)
        {
            _open[uri] = new PolicyDocument(uri, version, text);
            _trees.Remove(uri);
            Changed();
        }
    }

    /// <summary>Applies changes; false when the document is not open (the change is ignored).</summary>
    public bool Change(string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        lock (_lock)
        {
            if (!_open.TryGetValue(uri, out var document)) return false;
            document.Apply(version, changes);
            _trees.Remove(uri);
            Changed();
            return true;
        }
    }

    public void Close(string uri)
    {
        lock (_lock)
        {
            _open.Remove(uri);
            _trees.Remove(uri);
            Changed();
        }
    }

    /// <summary>A file changed on disk (created, changed, deleted): forget what was read of it.</summary>
    public void FileChanged(string uri)
    {
        lock (_lock)
        {
            _disk.Remove(Uris.ToPath(uri));
            Changed();
        }
    }

    private void Changed()
    {
        Interlocked.Increment(ref _generation);
        _analyses.Clear();
        foreach (var stale in _trees.Keys.Where(k => !_open.ContainsKey(k)).ToList()) _trees.Remove(stale);
    }

    /// <summary>The syntax tree of an open document's current text (parsed once per version).</summary>
    public SyntaxTree? Tree(string uri)
    {
        Lazy<SyntaxTree>? lazy;
        lock (_lock)
        {
            if (!_open.TryGetValue(uri, out var document)) return null;
            if (!_trees.TryGetValue(uri, out lazy))
            {
                var text = document.Text;
                lazy = new Lazy<SyntaxTree>(() => SyntaxTree.Parse(text), LazyThreadSafetyMode.ExecutionAndPublication);
                _trees[uri] = lazy;
            }
        }
        return lazy.Value;
    }

    /// <summary>The syntax tree of a document: the open text, else the file on disk; null when neither exists.</summary>
    public SyntaxTree? SyntaxOf(string uri) => Tree(uri) ?? Analyze(uri)?.Tree;

    /// <summary>
    /// The analysis of a document: the open text, or the file on disk when it is not open (a request for an
    /// unopened document is answered from disk); null when neither exists.
    /// </summary>
    public DocumentAnalysis? Analyze(string uri)
    {
        Lazy<DocumentAnalysis>? lazy;
        lock (_lock)
        {
            if (!_analyses.TryGetValue(uri, out lazy))
            {
                int? version = _open.TryGetValue(uri, out var document) ? document.Version : null;
                if (document is null && !File.Exists(Uris.ToPath(uri))) return null;
                var generation = _generation;
                var language = Language;
                lazy = new Lazy<DocumentAnalysis>(() =>
                {
                    var tree = document is not null ? Tree(uri) : ReadDisk(Uris.ToPath(uri));
                    return new DocumentAnalysis(this, uri, version, generation, tree ?? SyntaxTree.Parse(string.Empty, Uris.ToPath(uri)), language);
                }, LazyThreadSafetyMode.ExecutionAndPublication);
                _analyses[uri] = lazy;
            }
        }
        return lazy.Value;
    }

    /// <summary>The current version of an open document, or null.</summary>
    public int? VersionOf(string uri)
    {
        lock (_lock) return _open.TryGetValue(uri, out var d) ? d.Version : null;
    }

    /// <summary>The open documents that extend this one (directly or not): their diagnostics follow its changes.</summary>
    public IReadOnlyList<string> Dependents(string uri)
    {
        var tree = SyntaxOf(uri);
        var name = tree is null ? null : FileSystemPolicyResolver.PolicyName(tree);
        if (name is null) return Array.Empty<string>();
        var result = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal) { name };
        bool grew;
        do
        {
            grew = false;
            foreach (var other in OpenUris)
            {
                if (other == uri || result.Contains(other)) continue;
                var otherTree = Tree(other);
                if (otherTree is not null && DocumentAnalysis.ParentNameOf(otherTree) is { } parent && names.Contains(parent))
                {
                    result.Add(other);
                    if (FileSystemPolicyResolver.PolicyName(otherTree) is { } n) names.Add(n);
                    grew = true;
                }
            }
        }
        while (grew);
        return result;
    }

    /// <summary>
    /// The documents a workspace-wide search looks at: the open ones, the policy files beside a given document and
    /// those under the workspace folders (at most 5,000 files).
    /// </summary>
    public IReadOnlyList<string> SearchUris(string? besideUri = null)
    {
        var result = new List<string>(OpenUris);
        var folders = Folders.Select(f => (f, true)).ToList();
        if (besideUri is not null && Path.GetDirectoryName(Uris.ToPath(besideUri)) is { Length: > 0 } beside) folders.Add((beside, false));
        foreach (var (folder, recurse) in folders)
        {
            if (!Directory.Exists(folder)) continue;
            try
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.policy", new EnumerationOptions { RecurseSubdirectories = recurse, IgnoreInaccessible = true }).Take(5000))
                {
                    var uri = Uris.FromPath(file);
                    if (!result.Any(u => Uris.SamePath(Uris.ToPath(u), file))) result.Add(uri);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ IPolicyResolver

    public SyntaxTree? Find(string policyName, SyntaxTree from)
    {
        List<PolicyDocument> open;
        List<string> folders;
        lock (_lock)
        {
            open = _open.Values.ToList();
            folders = _folders.ToList();
        }
        foreach (var document in open)
        {
            if (Uris.SamePath(document.Path, from.Path)) continue;
            var tree = Tree(document.Uri);
            if (tree is not null && FileSystemPolicyResolver.PolicyName(tree) == policyName) return tree;
        }
        var places = new List<(string Folder, SearchOption Depth)>();
        if (!string.IsNullOrEmpty(from.Path) && Path.GetDirectoryName(Path.GetFullPath(from.Path)) is { } beside) places.Add((beside, SearchOption.TopDirectoryOnly));
        places.AddRange(folders.Select(f => (f, SearchOption.AllDirectories)));
        foreach (var (folder, depth) in places)
        {
            if (!Directory.Exists(folder)) continue;
            IEnumerable<string> files;
            try
            {
                files = Directory.EnumerateFiles(folder, "*.policy", new EnumerationOptions { RecurseSubdirectories = depth == SearchOption.AllDirectories, IgnoreInaccessible = true })
                    .OrderBy(f => f, StringComparer.Ordinal).Take(5000).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (var file in files)
            {
                if (Uris.SamePath(file, from.Path) || open.Any(d => Uris.SamePath(d.Path, file))) continue;
                var tree = ReadDisk(file);
                if (tree is not null && FileSystemPolicyResolver.PolicyName(tree) == policyName) return tree;
            }
        }
        return null;
    }

    public LocalizedText Describe(SyntaxTree from) => new(
        "the open documents, the policy's folder and the workspace folders",
        "打开的文档、该政策所在文件夹及工作区文件夹");

    /// <summary>A policy file on disk, parsed once until it changes.</summary>
    private SyntaxTree? ReadDisk(string path)
    {
        DateTime stamp;
        try
        {
            if (!File.Exists(path)) return null;
            stamp = File.GetLastWriteTimeUtc(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        lock (_lock)
        {
            if (_disk.TryGetValue(path, out var cached) && cached.Stamp == stamp) return cached.Tree;
        }
        var tree = SourceFile.TryRead(path, out var text, out _) ? SyntaxTree.Parse(text!) : null;
        lock (_lock) _disk[path] = (stamp, tree);
        return tree;
    }
}
