using PolicyLang.LanguageServer.Analysis;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.References;

public sealed record ReferenceContext(bool IncludeDeclaration);

public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context = null);

/// <summary>Find references: every occurrence of the symbol under the cursor in the open documents and the policy
/// files of the workspace (a parameter of a parent policy is found in the policies that extend it).</summary>
public sealed class ReferenceFinder : ILanguageFeature
{
    private readonly ServerContext _context;

    public ReferenceFinder(ServerContext context) => _context = context;

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { ReferencesProvider = true };

    [JsonRpcMethod("textDocument/references")]
    public Location[] References(ReferenceParams p, CancellationToken cancellation)
    {
        var analysis = _context.Workspace.Analyze(p.TextDocument.Uri);
        if (analysis?.Index.At(analysis.Offset(p.Position)) is not { } occurrence) return Array.Empty<Location>();
        return Find(_context.Workspace, p.TextDocument.Uri, occurrence.Target, p.Context?.IncludeDeclaration ?? true, cancellation)
            .Select(o => new Location(o.Uri, o.Analysis.Range(o.Occurrence.Span)))
            .ToArray();
    }

    /// <summary>The occurrences of a symbol across the workspace, declaration first when asked for.</summary>
    public static IReadOnlyList<(string Uri, DocumentAnalysis Analysis, SymbolOccurrence Occurrence)> Find(
        Workspace workspace, string fromUri, SymbolTarget target, bool includeDeclaration, CancellationToken cancellation)
    {
        var result = new List<(string, DocumentAnalysis, SymbolOccurrence)>();
        // Variables are local to their document; everything else may be named from other files.
        var uris = target.Kind == Symbols.SymbolKind.Variable ? new[] { fromUri } : workspace.SearchUris(fromUri);
        foreach (var uri in uris)
        {
            cancellation.ThrowIfCancellationRequested();
            var analysis = workspace.Analyze(uri);
            if (analysis is null) continue;
            foreach (var occurrence in analysis.Index.Of(target.Key))
                if (includeDeclaration || !occurrence.IsDeclaration)
                    result.Add((uri, analysis, occurrence));
        }
        return result.OrderByDescending(r => r.Item3.IsDeclaration).ToList();
    }
}
