using PolicyLang.LanguageServer.Analysis;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using PolicyLang.Syntax;
using StreamJsonRpc;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Features.Outline;

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);

public sealed record DocumentSymbol(string Name, int Kind, Range Range, Range SelectionRange, string? Detail = null, DocumentSymbol[]? Children = null);

/// <summary>LSP's SymbolKind numbers this outline uses.</summary>
public static class LspSymbolKind
{
    public const int Module = 2;
    public const int Namespace = 3;
    public const int Class = 5;
    public const int Method = 6;
    public const int Property = 7;
    public const int Field = 8;
    public const int Function = 12;
    public const int Variable = 13;
    public const int Constant = 14;
    public const int Event = 24;
}

/// <summary>
/// The outline: the policy with its header, each section with its lines, parameters, measures, rules (with their
/// clause), scenarios (with what they set) and tests. Built from the syntax tree alone, so it works on broken text.
/// </summary>
public sealed class DocumentSymbols : ILanguageFeature
{
    private readonly ServerContext _context;

    public DocumentSymbols(ServerContext context) => _context = context;

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { DocumentSymbolProvider = true };

    [JsonRpcMethod("textDocument/documentSymbol")]
    public DocumentSymbol[] Symbols(DocumentSymbolParams p)
    {
        var analysis = _context.Workspace.Analyze(p.TextDocument.Uri);
        return analysis is null ? Array.Empty<DocumentSymbol>() : Outline(analysis);
    }

    public static DocumentSymbol[] Outline(DocumentAnalysis analysis)
    {
        var result = new List<DocumentSymbol>();
        foreach (var member in analysis.Tree.Root.Members)
        {
            var symbol = member switch
            {
                PolicyDeclarationSyntax policy => Symbol(analysis, member, policy.Name, LspSymbolKind.Module, Keyword(policy),
                    policy.Items.Where(i => !i.Keyword.IsMissing).Select(i => Symbol(analysis, i, i.Keyword, LspSymbolKind.Property, Summary(i.Value?.Text ?? i.Expression?.ToString()))).ToArray()),
                SectionSyntax section => Symbol(analysis, member, section.Keyword, LspSymbolKind.Namespace, null,
                    section.Items.Where(i => i.LeadToken is { IsMissing: false }).Select(i => Symbol(analysis, i, i.LeadToken!, LspSymbolKind.Field, Summary(i.ToString()))).ToArray()),
                ParameterDeclarationSyntax parameter => Symbol(analysis, member, parameter.Name, LspSymbolKind.Constant, Summary(parameter.Type.ToString() + " = " + parameter.Value)),
                MeasureDeclarationSyntax measure => Symbol(analysis, member, measure.Name, LspSymbolKind.Function, Summary(measure.Value.ToString())),
                RuleDeclarationSyntax rule => Symbol(analysis, member, rule.Name, LspSymbolKind.Method, rule.Citation is { } c ? "§ " + c.Value : null),
                ScenarioDeclarationSyntax scenario => Symbol(analysis, member, scenario.Name, LspSymbolKind.Event, scenario.Label is { IsMissing: false } label ? SyntaxFacts.UnquoteString(label.Text) : null,
                    scenario.Items.OfType<SetItemSyntax>().Select(s => Symbol(analysis, s, s.Target, LspSymbolKind.Variable, Summary(s.Value.ToString()))).ToArray()),
                TestDeclarationSyntax test => Symbol(analysis, member, test.Name, LspSymbolKind.Class, null, null, test.NameValue),
                _ => null,
            };
            if (symbol is not null) result.Add(symbol);
        }
        return result.ToArray();
    }

    private static string? Keyword(PolicyDeclarationSyntax policy) =>
        policy.Items.FirstOrDefault(i => i.ItemKind == HeaderItemKind.Title)?.Value is { IsMissing: false } title ? SyntaxFacts.UnquoteString(title.Text) : null;

    private static DocumentSymbol? Symbol(DocumentAnalysis analysis, SyntaxNode node, SyntaxToken name, int kind, string? detail, DocumentSymbol?[]? children = null, string? text = null)
    {
        if (name.IsMissing) return null;
        var range = analysis.Range(node.Span);
        var selection = analysis.Range(name.Span);
        return new DocumentSymbol(text ?? name.Text, kind, range, selection, detail, children is { Length: > 0 } ? children.OfType<DocumentSymbol>().ToArray() : null);
    }

    private static DocumentSymbol? Symbol(DocumentAnalysis analysis, SyntaxNode node, QualifiedNameSyntax name, int kind, string? detail)
    {
        if (name.Parts.Length == 0 || name.Parts.Any(t => t.IsMissing)) return null;
        return new DocumentSymbol(string.Join(".", name.Parts.Select(t => t.Text)), kind, analysis.Range(node.Span), analysis.Range(name.Span), detail);
    }

    private static string? Summary(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = SyntaxFacts.NormalizeWhitespace(text);
        return text.Length > 80 ? text[..79] + "…" : text;
    }
}
