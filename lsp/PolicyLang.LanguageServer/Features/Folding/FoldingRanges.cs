using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using PolicyLang.Syntax;
using PolicyLang.Text;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.Folding;

public sealed record FoldingRangeParams(TextDocumentIdentifier TextDocument);

public sealed record FoldingRange(int StartLine, int EndLine, string? Kind = null);

/// <summary>Folds every braced block (policy header, sections, scenarios, tests, inline plans), runs of line
/// comments and block comments over several lines.</summary>
public sealed class FoldingRanges : ILanguageFeature
{
    private readonly ServerContext _context;

    public FoldingRanges(ServerContext context) => _context = context;

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { FoldingRangeProvider = true };

    [JsonRpcMethod("textDocument/foldingRange")]
    public FoldingRange[] Ranges(FoldingRangeParams p)
    {
        var tree = _context.Workspace.SyntaxOf(p.TextDocument.Uri);
        return tree is null ? Array.Empty<FoldingRange>() : Compute(tree);
    }

    public static FoldingRange[] Compute(SyntaxTree tree)
    {
        var text = tree.Text;
        var result = new List<FoldingRange>();
        var open = new Stack<SyntaxToken>();
        foreach (var token in tree.Tokens)
        {
            if (token.IsMissing) continue;
            if (token.Kind is TokenKind.Lbrace or TokenKind.Lbrack) open.Push(token);
            else if (token.Kind is TokenKind.Rbrace or TokenKind.Rbrack && open.Count > 0)
            {
                var start = text.GetLinePosition(open.Pop().Span.Start).Line;
                var end = text.GetLinePosition(token.Span.Start).Line;
                // Fold up to the line before the closing brace, so it stays visible.
                if (end - 1 > start) result.Add(new FoldingRange(start, end - 1));
            }
        }
        int? runStart = null, runEnd = null;
        foreach (var comment in tree.Comments)
        {
            var first = text.GetLinePosition(comment.Span.Start).Line;
            var last = text.GetLinePosition(Math.Max(comment.Span.Start, comment.Span.End - 1)).Line;
            if (comment.IsBlock)
            {
                if (last > first) result.Add(new FoldingRange(first, last, "comment"));
                continue;
            }
            if (runEnd == first - 1) runEnd = first;
            else
            {
                Flush();
                runStart = runEnd = first;
            }
        }
        Flush();
        return result.OrderBy(r => r.StartLine).ThenByDescending(r => r.EndLine).ToArray();

        void Flush()
        {
            if (runStart is { } s && runEnd is { } e && e > s) result.Add(new FoldingRange(s, e, "comment"));
        }
    }
}
