using PolicyLang.Binding;
using PolicyLang.LanguageServer.Analysis;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.Definition;

public sealed record DefinitionParams(TextDocumentIdentifier TextDocument, Position Position) : TextDocumentPositionParams(TextDocument, Position);

/// <summary>Go to definition: parameters, measures, rules (also from a test's <c>expect</c>), scenarios,
/// variables, and the policy an <c>extends</c> names (in another file).</summary>
public sealed class DefinitionProvider : ILanguageFeature
{
    private readonly ServerContext _context;

    public DefinitionProvider(ServerContext context) => _context = context;

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { DefinitionProvider = true };

    [JsonRpcMethod("textDocument/definition")]
    public Location[] Definition(DefinitionParams p)
    {
        var analysis = _context.Workspace.Analyze(p.TextDocument.Uri);
        if (analysis?.Index.At(analysis.Offset(p.Position)) is not { } occurrence) return Array.Empty<Location>();
        return Locate(analysis, occurrence.Target) is { } location ? new[] { location } : Array.Empty<Location>();
    }

    /// <summary>Where a symbol is declared, as an LSP location; null for built-ins and the standard model.</summary>
    public static Location? Locate(DocumentAnalysis analysis, SymbolTarget target)
    {
        if (target.Declaration is not { } declaration || declaration.Path == Prelude.Path) return null;
        var uri = ReferenceEquals(declaration.Text, analysis.Text) ? analysis.Uri
            : string.IsNullOrEmpty(declaration.Path) ? null : Uris.FromPath(declaration.Path);
        if (uri is null) return null;
        // Point at the name, as the declaring document's own index has it.
        var span = declaration.Span;
        var home = ReferenceEquals(declaration.Text, analysis.Text) ? analysis : analysis.Workspace.Analyze(uri);
        if (home is not null && home.Index.Of(target.Key).FirstOrDefault(o => o.IsDeclaration) is { } named) span = named.Span;
        return new Location(uri, DocumentAnalysis.RangeIn(declaration.Text, span));
    }
}
