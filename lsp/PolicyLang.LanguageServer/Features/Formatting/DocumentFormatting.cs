using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using PolicyLang.Syntax;
using PolicyLang.Syntax.Formatting;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.Formatting;

public sealed record FormattingOptions(int TabSize, bool InsertSpaces);

public sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument, FormattingOptions? Options = null);

/// <summary>
/// Formatting with the same formatter as <c>policyc fmt</c>, under the same guard: a document with syntax errors
/// is left alone, and the result must parse to the same tokens and comments, or no edit is offered. The answer is
/// one edit replacing the whole text (the formatter is canonical: there is nothing to keep).
/// </summary>
public sealed class DocumentFormatting : ILanguageFeature
{
    private readonly ServerContext _context;

    public DocumentFormatting(ServerContext context) => _context = context;

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { DocumentFormattingProvider = true };

    [JsonRpcMethod("textDocument/formatting")]
    public TextEdit[] Format(DocumentFormattingParams p)
    {
        var tree = _context.Workspace.SyntaxOf(p.TextDocument.Uri);
        if (tree is null || tree.HasErrors) return Array.Empty<TextEdit>();
        var formatted = PolicyFormatter.Format(tree);
        if (formatted == tree.Text.Content) return Array.Empty<TextEdit>();
        var reparsed = SyntaxTree.Parse(formatted, tree.Path);
        string? difference = null;
        if (reparsed.HasErrors || !PolicyFormatter.SameContent(tree, reparsed, out difference))
        {
            _context.Trace($"formatting {p.TextDocument.Uri} refused: the result differs ({difference ?? "syntax errors"}); this is a policyc bug");
            return Array.Empty<TextEdit>();
        }
        var whole = Analysis.DocumentAnalysis.RangeIn(tree.Text, new PolicyLang.Text.TextSpan(0, tree.Text.Length));
        return new[] { new TextEdit(whole, formatted) };
    }
}
