using PolicyLang.LanguageServer.Analysis;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using PolicyLang.Syntax;
using StreamJsonRpc;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Features.Hover;

public sealed record HoverParams(TextDocumentIdentifier TextDocument, Position Position) : TextDocumentPositionParams(TextDocument, Position);

public sealed record Hover(MarkupContent Contents, Range? Range = null);

/// <summary>
/// Hover: for a name, what it is (type and unit, the value in force today converted through the calendar, the
/// cited clause); for a keyword, its meaning in the client's language with its English and Chinese spellings; for a
/// citation, the clause.
/// </summary>
public sealed class HoverProvider : ILanguageFeature
{
    private readonly ServerContext _context;

    public HoverProvider(ServerContext context) => _context = context;

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { HoverProvider = true };

    [JsonRpcMethod("textDocument/hover")]
    public Hover? OnHover(HoverParams p, CancellationToken cancellation)
    {
        var analysis = _context.Workspace.Analyze(p.TextDocument.Uri);
        if (analysis is null) return null;
        cancellation.ThrowIfCancellationRequested();
        return Compute(analysis, analysis.Offset(p.Position));
    }

    public static Hover? Compute(DocumentAnalysis analysis, int offset)
    {
        var language = analysis.Language;
        if (analysis.Index.At(offset) is { } occurrence)
            return new Hover(MarkupContent.Markdown(SymbolFacts.Describe(occurrence.Target, analysis.Policy, language)), analysis.Range(occurrence.Span));

        var token = analysis.TokenAt(offset);
        if (token is null) return null;
        if (SyntaxFacts.GetKeyword(token.Kind) is { } keyword)
        {
            var spellings = string.Join(" / ", keyword.English.Concat(keyword.Chinese).Select(s => $"`{s}`"));
            return new Hover(MarkupContent.Markdown($"{spellings}\n\n{keyword.Meaning(language)}"), analysis.Range(token.Span));
        }
        if (token.Kind == TokenKind.String && analysis.Tree.FindNode(offset) is CitationSyntax citation)
            return new Hover(MarkupContent.Markdown(SymbolFacts.Cite(new global::PolicyLang.Symbols.Citation(citation.Value, null), language) +
                SymbolFacts.T(language, $"\n\nof {analysis.Policy.Symbol.Title ?? analysis.Policy.Symbol.Name}", $"\n\n出自 {analysis.Policy.Symbol.Title ?? analysis.Policy.Symbol.Name}")), analysis.Range(token.Span));
        return null;
    }
}
