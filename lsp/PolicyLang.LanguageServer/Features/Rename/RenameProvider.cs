using PolicyLang.LanguageServer.Analysis;
using PolicyLang.LanguageServer.Features.References;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using PolicyLang.Syntax;
using StreamJsonRpc;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Features.Rename;

public sealed record PrepareRenameParams(TextDocumentIdentifier TextDocument, Position Position) : TextDocumentPositionParams(TextDocument, Position);

public sealed record PrepareRenameResult(Range Range, string Placeholder);

public sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName);

/// <summary>
/// Rename a parameter, measure, rule, scenario, policy or variable everywhere it is named — across the
/// workspace, so a policy's new name reaches the <c>extends</c> of the policies below it, and a rule's reaches the
/// tests that expect it. Built-ins and the standard model cannot be renamed; the new name must be a name, not a
/// keyword, and must not already be taken.
/// </summary>
public sealed class RenameProvider : ILanguageFeature
{
    private readonly ServerContext _context;

    public RenameProvider(ServerContext context) => _context = context;

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { RenameProvider = new RenameOptions(true) };

    [JsonRpcMethod("textDocument/prepareRename")]
    public PrepareRenameResult PrepareRename(PrepareRenameParams p)
    {
        var (analysis, occurrence) = Target(p.TextDocument.Uri, p.Position);
        return new PrepareRenameResult(analysis.Range(occurrence.Span), analysis.Text.ToString(occurrence.Span));
    }

    [JsonRpcMethod("textDocument/rename")]
    public WorkspaceEdit Rename(RenameParams p, CancellationToken cancellation)
    {
        var (analysis, occurrence) = Target(p.TextDocument.Uri, p.Position);
        var language = analysis.Language;
        var newName = p.NewName.Trim();
        var tree = SyntaxTree.Parse(newName);
        var tokens = tree.Tokens.Where(t => t.Kind != TokenKind.EndOfFile).ToList();
        if (tokens.Count != 1 || tokens[0].Kind != TokenKind.Id || tokens[0].Text != newName)
            throw Refuse(SymbolFacts.T(language, $"'{newName}' is not a name (a name starts with a letter or _, and is not a keyword)",
                $"“{newName}”不是合法名称（名称以字母或 _ 开头，且不能是关键字）"));
        var target = occurrence.Target;
        if (Taken(analysis, target, newName))
            throw Refuse(SymbolFacts.T(language, $"'{newName}' is already declared in this policy", $"本政策中已声明“{newName}”"));
        var changes = new Dictionary<string, List<TextEdit>>();
        foreach (var (uri, other, found) in ReferenceFinder.Find(_context.Workspace, p.TextDocument.Uri, target, includeDeclaration: true, cancellation))
        {
            if (!changes.TryGetValue(uri, out var edits)) changes[uri] = edits = new List<TextEdit>();
            var range = other.Range(found.Span);
            if (!edits.Any(e => e.Range == range)) edits.Add(new TextEdit(range, newName));
        }
        return new WorkspaceEdit(changes.ToDictionary(c => c.Key, c => c.Value.ToArray()));
    }

    private (DocumentAnalysis, SymbolOccurrence) Target(string uri, Position position)
    {
        var analysis = _context.Workspace.Analyze(uri) ?? throw Refuse("The document is not open and not on disk.");
        var occurrence = analysis.Index.At(analysis.Offset(position));
        if (occurrence is null || !occurrence.Target.IsUserDeclared)
            throw Refuse(SymbolFacts.T(analysis.Language, "Only parameters, measures, rules, scenarios, policies and variables declared in a policy can be renamed.",
                "只能重命名政策中声明的参数、指标、规则、情景、政策和变量。"));
        return (analysis, occurrence);
    }

    private static bool Taken(DocumentAnalysis analysis, SymbolTarget target, string name)
    {
        var policy = analysis.Policy;
        return target.Kind switch
        {
            Symbols.SymbolKind.Parameter or Symbols.SymbolKind.Measure =>
                policy.Parameters.Any(p => p.Name == name) || policy.Measures.Any(m => m.Name == name && !m.IsStandard),
            Symbols.SymbolKind.Rule => policy.Rules.Any(r => r.Symbol.Name == name),
            Symbols.SymbolKind.Scenario => policy.Scenarios.Any(s => s.Name == name),
            _ => false,
        };
    }

    /// <summary>LSP's RequestFailed (-32803): the request was valid but cannot be carried out; the client shows the message.</summary>
    public const int RequestFailed = -32803;

    private static LocalRpcException Refuse(string message) => new(message) { ErrorCode = RequestFailed };
}
