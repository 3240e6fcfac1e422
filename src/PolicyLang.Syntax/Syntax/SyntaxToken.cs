using PolicyLang.Text;

namespace PolicyLang.Syntax;

/// <summary>A token of the policy text. Missing tokens (inserted by error recovery) have no text.</summary>
public sealed class SyntaxToken
{
    public SyntaxToken(TokenKind kind, string text, TextSpan span, bool isMissing = false)
    {
        Kind = kind;
        Text = text;
        Span = span;
        IsMissing = isMissing;
    }

    public TokenKind Kind { get; }
    public string Text { get; }
    public TextSpan Span { get; }
    public bool IsMissing { get; }

    /// <summary>The token's text with runs of whitespace inside multi-word keywords made single spaces.</summary>
    public string NormalizedText => SyntaxFacts.NormalizeWhitespace(Text);

    public override string ToString() => IsMissing ? $"<missing {Kind}>" : Text;
}

/// <summary>A comment kept beside the tree for the formatter and the editor.</summary>
public sealed class SyntaxComment
{
    public SyntaxComment(string text, TextSpan span, bool isBlock)
    {
        Text = text;
        Span = span;
        IsBlock = isBlock;
    }

    public string Text { get; }
    public TextSpan Span { get; }
    public bool IsBlock { get; }
}
