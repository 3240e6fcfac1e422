using System.Collections.Immutable;
using PolicyLang.Binding;
using PolicyLang.Diagnostics;
using PolicyLang.Syntax;
using PolicyLang.Text;

namespace PolicyLang;

/// <summary>Finds the policy a file extends.</summary>
public interface IPolicyResolver
{
    /// <summary>The syntax tree of the policy with this name, or null.</summary>
    SyntaxTree? Find(string policyName, SyntaxTree from);
    /// <summary>Where <see cref="Find"/> looked, for the error message.</summary>
    LocalizedText Describe(SyntaxTree from);
}

/// <summary>
/// Resolves 'extends NAME' among the files being compiled, then among the .policy files in the folder of the
/// file that extends (parsed once each).
/// </summary>
public sealed class FileSystemPolicyResolver : IPolicyResolver
{
    private readonly List<SyntaxTree> _known;
    private readonly Dictionary<string, SyntaxTree?> _byPath = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, IReadOnlyList<string>>> _listed = new();

    public FileSystemPolicyResolver(IEnumerable<SyntaxTree>? known = null) => _known = known?.ToList() ?? new List<SyntaxTree>();

    public static string? PolicyName(SyntaxTree tree) =>
        tree.Root.Members.OfType<PolicyDeclarationSyntax>().FirstOrDefault() is { Name.IsMissing: false } p ? p.Name.Text : null;

    public SyntaxTree? Find(string policyName, SyntaxTree from)
    {
        foreach (var tree in _known)
            if (PolicyName(tree) == policyName && !ReferenceEquals(tree, from))
                return tree;
        var directory = Folder(from);
        if (directory is null || !Directory.Exists(directory)) return null;
        var files = PolicyFilesIn(directory);
        if (!_listed.Any(l => l.Key == directory)) _listed.Add(new KeyValuePair<string, IReadOnlyList<string>>(directory, files));
        foreach (var full in files)
        {
            if (string.Equals(full, Path.GetFullPath(from.Path), StringComparison.Ordinal)) continue;
            if (!_byPath.TryGetValue(full, out var tree))
            {
                tree = SourceFile.TryRead(full, out var text, out _) ? SyntaxTree.Parse(text!) : null;
                _byPath[full] = tree;
            }
            if (tree is not null && PolicyName(tree) == policyName) return tree;
        }
        return null;
    }

    /// <summary>The .policy files of a folder, as full paths in the order <see cref="Find"/> looks at them.</summary>
    public static List<string> PolicyFilesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*.policy").Select(Path.GetFullPath).OrderBy(f => f, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The folders <see cref="Find"/> listed, each with its .policy files (full paths, in the order looked at): a
    /// file added or removed there could change what an 'extends' finds.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Listed => _listed;

    /// <summary>The files <see cref="Find"/> read (full paths), each with its tree, null when it could not be read.</summary>
    public IReadOnlyDictionary<string, SyntaxTree?> Read => _byPath;

    public LocalizedText Describe(SyntaxTree from) =>
        Folder(from) is { } folder ? LocalizedText.Same(folder) : new LocalizedText("no folder (the text has no file path)", "无文件夹（该文本没有文件路径）");

    /// <summary>The folder of the file, a bare file name meaning the current folder; null for text without a path.</summary>
    private static string? Folder(SyntaxTree tree) =>
        string.IsNullOrEmpty(tree.Path) ? null : Path.GetDirectoryName(Path.GetFullPath(tree.Path));
}

/// <summary>How a compilation may look outside its text.</summary>
public sealed class BindOptions
{
    public static BindOptions Default { get; } = new();

    /// <summary>Check that the plan files named by tests exist (off inside a compiler host such as the source generator).</summary>
    public bool CheckTestFiles { get; set; } = true;

    /// <summary>Load the standard simulation model's measures (the prelude) into root policies.</summary>
    public bool StandardModel { get; set; } = true;
}

/// <summary>Resolves 'extends' among given trees only, never the disk.</summary>
public sealed class InMemoryPolicyResolver : IPolicyResolver
{
    private readonly IReadOnlyList<SyntaxTree> _trees;

    public InMemoryPolicyResolver(IEnumerable<SyntaxTree> trees) => _trees = trees.ToList();

    public SyntaxTree? Find(string policyName, SyntaxTree from) =>
        _trees.FirstOrDefault(t => !ReferenceEquals(t, from) && FileSystemPolicyResolver.PolicyName(t) == policyName);

    public LocalizedText Describe(SyntaxTree from) => new("the policy files of the project", "项目中的政策文件");
}

/// <summary>A policy file bound together with the policies it extends.</summary>
public sealed class Compilation
{
    private Compilation(SyntaxTree tree, BoundPolicy policy, ImmutableArray<Diagnostic> diagnostics, Compilation? parent)
    {
        Tree = tree;
        Policy = policy;
        Diagnostics = diagnostics;
        Parent = parent;
    }

    public SyntaxTree Tree { get; }
    public BoundPolicy Policy { get; }
    public Compilation? Parent { get; }
    /// <summary>Syntax and semantic diagnostics of this file, in text order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>
    /// A semantic finding inside a syntax error, or a warning on a line with one, is a cascade of that error
    /// (a name recovery could not complete, a citation recovery skipped): report the syntax error alone.
    /// </summary>
    private static bool FollowsFromSyntaxError(SyntaxTree tree, Diagnostic d)
    {
        foreach (var error in tree.Diagnostics)
        {
            if (!error.IsError) continue;
            var span = error.Location.Span;
            if (d.Location.Span.Start >= span.Start && d.Location.Span.Start < Math.Max(span.End, span.Start + 1)) return true;
            if (!d.IsError && tree.Text.GetLineIndex(d.Location.Span.Start) == tree.Text.GetLineIndex(span.Start)) return true;
        }
        return false;
    }

    /// <summary>Follows 'extends' from this policy; the chain of names when it comes back to it, else null.</summary>
    private static List<string>? CycleThrough(SyntaxTree tree, string name, IPolicyResolver resolver)
    {
        var chain = new List<string> { name };
        var current = tree;
        while (true)
        {
            var parentName = current.Root.Members.OfType<PolicyDeclarationSyntax>().FirstOrDefault()?.Items
                .FirstOrDefault(i => i.ItemKind == HeaderItemKind.Extends)?.Value;
            if (parentName is null || parentName.IsMissing) return null;
            chain.Add(parentName.Text);
            if (parentName.Text == name) return chain;
            if (chain.Count > 64 || chain.IndexOf(parentName.Text) < chain.Count - 1) return null;
            var next = resolver.Find(parentName.Text, current);
            if (next is null) return null;
            current = next;
        }
    }

    public static Compilation Create(SyntaxTree tree, IPolicyResolver? resolver = null, BindOptions? options = null) =>
        Create(tree, resolver ?? new FileSystemPolicyResolver(), new List<string>(), new Dictionary<SyntaxTree, Compilation>(), options ?? BindOptions.Default);

    private static Compilation Create(SyntaxTree tree, IPolicyResolver resolver, List<string> chain, Dictionary<SyntaxTree, Compilation> cache, BindOptions options)
    {
        if (cache.TryGetValue(tree, out var cached)) return cached;
        var extra = new DiagnosticBag();
        Compilation? parent = null;
        var header = tree.Root.Members.OfType<PolicyDeclarationSyntax>().FirstOrDefault();
        var extends = header?.Items.FirstOrDefault(i => i.ItemKind == HeaderItemKind.Extends);
        var name = FileSystemPolicyResolver.PolicyName(tree) ?? Path.GetFileNameWithoutExtension(tree.Path);
        if (extends?.Value is { IsMissing: false } parentName)
        {
            if (CycleThrough(tree, name, resolver) is { } cycle)
            {
                extra.Report(DiagnosticDescriptors.ExtendsCycle, new Location(tree.Text, parentName.Span), name, string.Join(" → ", cycle));
            }
            else if (resolver.Find(parentName.Text, tree) is { } parentTree)
            {
                chain.Add(name);
                parent = Create(parentTree, resolver, chain, cache, options);
                chain.RemoveAt(chain.Count - 1);
            }
            else
            {
                extra.Report(DiagnosticDescriptors.UnknownParentPolicy, new Location(tree.Text, parentName.Span), parentName.Text, resolver.Describe(tree));
            }
        }

        var binder = new PolicyBinder(tree, parent?.Policy, options);
        BoundPolicy bound;
        try
        {
            bound = binder.Bind();
        }
        catch (InsufficientExecutionStackException)
        {
            binder.Diagnostics.Report(DiagnosticDescriptors.ExpressionTooComplex, new Location(tree.Text, new TextSpan(0, 0)), Syntax.Parsing.TreeBuilder.MaxExpressionDepth);
            bound = new BoundPolicy(tree, binder.Policy);
        }
        var all = tree.Diagnostics.Concat(extra).Concat(binder.Diagnostics.Where(d => !FollowsFromSyntaxError(tree, d)))
            .OrderBy(d => d.Location.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToImmutableArray();
        var compilation = new Compilation(tree, bound, all, parent);
        cache[tree] = compilation;
        return compilation;
    }
}
