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

    public override string ToString() => string.Join(" ", DescendantTokens().Where(t => !t.IsMissing).Select(t => t.Text));
}
