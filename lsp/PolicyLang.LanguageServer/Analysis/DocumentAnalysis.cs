using PolicyLang.Binding;
using PolicyLang.LanguageServer.Server;
using PolicyLang.Syntax;
using PolicyLang.Text;
using Range = PolicyLang.LanguageServer.Protocol.Range;
using Position = PolicyLang.LanguageServer.Protocol.Position;

namespace PolicyLang.LanguageServer.Analysis;

/// <summary>
/// One document parsed and bound (with the policies it extends, found through the workspace), with what the
/// features need: position conversions (LSP positions are zero-based lines and UTF-16 characters, as
/// <see cref="SourceText"/> counts them) and an index of the symbols declared and referenced in it.
/// </summary>
public sealed class DocumentAnalysis
{
    private readonly Lazy<SymbolIndex> _index;

    public DocumentAnalysis(Workspace workspace, string uri, int? version, long generation, SyntaxTree tree, Language language)
    {
        Workspace = workspace;
        Uri = uri;
        Version = version;
        Generation = generation;
        Tree = tree;
        Language = language;
        Compilation = PolicyLang.Compilation.Create(tree, workspace, new BindOptions { CheckTestFiles = true });
        _index = new Lazy<SymbolIndex>(() => new SymbolIndex(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Workspace Workspace { get; }
    public string Uri { get; }
    /// <summary>The open document's version; null for a file read from disk.</summary>
    public int? Version { get; }
    public long Generation { get; }
    public SyntaxTree Tree { get; }
    public SourceText Text => Tree.Text;
    public Language Language { get; }
    public Compilation Compilation { get; }
    public BoundPolicy Policy => Compilation.Policy;
    public SymbolIndex Index => _index.Value;

    public string? PolicyName => FileSystemPolicyResolver.PolicyName(Tree);
    public string? ParentName => ParentNameOf(Tree);

    public static string? ParentNameOf(SyntaxTree tree) =>
        tree.Root.Members.OfType<PolicyDeclarationSyntax>().FirstOrDefault()?.Items
            .FirstOrDefault(i => i.ItemKind == HeaderItemKind.Extends)?.Value is { IsMissing: false } value ? value.Text : null;

    public int Offset(Position position) => PolicyDocument.Offset(Text, position);

    public Position Position(int offset)
    {
        var p = Text.GetLinePosition(offset);
        return new Position(p.Line, p.Character);
    }

    public Range Range(TextSpan span) => new(Position(span.Start), Position(Math.Max(span.Start, span.End)));

    public static Range RangeIn(SourceText text, TextSpan span)
    {
        var start = text.GetLinePosition(span.Start);
        var end = text.GetLinePosition(Math.Max(span.Start, span.End));
        return new Range(new Position(start.Line, start.Character), new Position(end.Line, end.Character));
    }

    /// <summary>The token at (or ending at) an offset, never a token error recovery inserted.</summary>
    public SyntaxToken? TokenAt(int offset) => Tree.FindToken(offset) is { IsMissing: false } token ? token : null;
}
