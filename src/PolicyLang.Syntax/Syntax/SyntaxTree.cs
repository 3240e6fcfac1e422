using System.Collections.Immutable;
using PolicyLang.Diagnostics;
using PolicyLang.Syntax.Parsing;
using PolicyLang.Text;

namespace PolicyLang.Syntax;

/// <summary>A parsed policy file: its text, tree, comments, tokens and syntax diagnostics.</summary>
public sealed class SyntaxTree
{
    internal SyntaxTree(SourceText text, CompilationUnitSyntax root, ImmutableArray<Diagnostic> diagnostics,
        ImmutableArray<SyntaxComment> comments, ImmutableArray<SyntaxToken> tokens)
    {
        Text = text;
        Root = root;
        Diagnostics = diagnostics;
        Comments = comments;
        Tokens = tokens;
    }

    public SourceText Text { get; }
    public string Path => Text.Path;
    public CompilationUnitSyntax Root { get; }
    public ImmutableArray<Diagnostic> Diagnostics { get; }
    public ImmutableArray<SyntaxComment> Comments { get; }
    /// <summary>The tokens the parser saw, in order (no whitespace or comments).</summary>
    public ImmutableArray<SyntaxToken> Tokens { get; }
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public static SyntaxTree Parse(SourceText text) => PolicyParserDriver.Parse(text);

    public static SyntaxTree Parse(string text, string path = "") => Parse(SourceText.From(text, path));

    /// <summary>The innermost node whose span contains the position (end inclusive).</summary>
    public SyntaxNode? FindNode(int position)
    {
        SyntaxNode? found = null;
        SyntaxNode current = Root;
        while (true)
        {
            var next = current.ChildNodes.FirstOrDefault(n => n.Span.ContainsInclusive(position) && !(n.Span.Length == 0 && n.Span.Start != position));
            if (next is null) return found ?? current;
            found = next;
            current = next;
        }
    }

    /// <summary>The token at a position (end inclusive, preferring the token that starts there).</summary>
    public SyntaxToken? FindToken(int position)
    {
        SyntaxToken? candidate = null;
        int lo = 0, hi = Tokens.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var t = Tokens[mid];
            if (t.Span.End < position) lo = mid + 1;
            else if (t.Span.Start > position) hi = mid - 1;
            else
            {
                candidate = t;
                if (t.Span.Start == position) return t;
                lo = mid + 1;
            }
        }
        return candidate;
    }
}
