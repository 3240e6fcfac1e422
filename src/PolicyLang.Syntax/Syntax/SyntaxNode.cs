using PolicyLang.Text;

namespace PolicyLang.Syntax;

/// <summary>
/// A node of PolicyLang's own immutable syntax tree. Nodes hold their tokens (keywords in the language
/// the author wrote them), so spans are exact and the formatter can print the text back.
/// </summary>
public abstract class SyntaxNode
{
    private TextSpan? _span;

    /// <summary>Children in source order: <see cref="SyntaxNode"/>s and <see cref="SyntaxToken"/>s (nulls skipped).</summary>
    public abstract IEnumerable<object?> Children { get; }

    public TextSpan Span => _span ??= ComputeSpan();

    public IEnumerable<SyntaxNode> ChildNodes => Children.OfType<SyntaxNode>();

    public IEnumerable<SyntaxToken> DescendantTokens()
    {
        var stack = new Stack<IEnumerator<object?>>();
        stack.Push(Children.GetEnumerator());
        while (stack.Count > 0)
        {
            var e = stack.Peek();
            if (!e.MoveNext())
            {
                stack.Pop();
                continue;
            }
            switch (e.Current)
            {
                case SyntaxToken t:
                    yield return t;
                    break;
                case SyntaxNode n:
                    stack.Push(n.Children.GetEnumerator());
                    break;
            }
        }
    }

    public IEnumerable<SyntaxNode> DescendantNodesAndSelf()
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            var children = node.ChildNodes.ToList();
            for (var i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }

    public SyntaxToken? FirstToken => DescendantTokens().FirstOrDefault(t => !t.IsMissing) ?? DescendantTokens().FirstOrDefault();
    public SyntaxToken? LastToken => DescendantTokens().LastOrDefault(t => !t.IsMissing) ?? DescendantTokens().LastOrDefault();

    private TextSpan ComputeSpan()
    {
        int start = int.MaxValue, end = int.MinValue;
        foreach (var token in DescendantTokens())
        {
            if (token.IsMissing) continue;
            if (token.Span.Start < start) start = token.Span.Start;
            if (token.Span.End > end) end = token.Span.End;
        }
        if (start == int.MaxValue)
        {
            var first = DescendantTokens().FirstOrDefault();
            return first?.Span ?? default;
        }
        return TextSpan.FromBounds(start, end);
    }

    /// <summary>The node's tokens with single spaces, none around '.' or inside brackets: plan.service.end, f(a, b).</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        SyntaxToken? previous = null;
        foreach (var token in DescendantTokens())
        {
            if (token.IsMissing) continue;
            if (previous is not null && NeedsSpace(previous, token)) sb.Append(' ');
            sb.Append(SyntaxFacts.PunctuationText(token.Kind) ?? token.NormalizedText);
            previous = token;
        }
        return sb.ToString();
    }

    private static bool NeedsSpace(SyntaxToken left, SyntaxToken right) =>
        left.Kind is not (TokenKind.Dot or TokenKind.Lparen or TokenKind.Lbrack or TokenKind.Yen or TokenKind.Dotdot or TokenKind.Lbrace)
        && right.Kind is not (TokenKind.Dot or TokenKind.Rparen or TokenKind.Rbrack or TokenKind.Comma or TokenKind.Semi or TokenKind.Colon or TokenKind.Dotdot or TokenKind.Rbrace or TokenKind.RateSlash)
        && !(right.Kind == TokenKind.Lparen && left.Kind == TokenKind.Id)
        && !(right.Kind == TokenKind.Lbrack);
}
