using System.Text.RegularExpressions;
using PolicyLang.LanguageServer.Analysis;
using PolicyLang.LanguageServer.Features.Diagnostics;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using PolicyLang.Syntax;
using PolicyLang.Text;
using PolicyLang.Types;
using StreamJsonRpc;
using Diagnostic = PolicyLang.LanguageServer.Protocol.Diagnostic;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Features.CodeActions;

public sealed record CodeActionContext(Diagnostic[]? Diagnostics = null, string[]? Only = null);

public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext? Context = null);

public sealed record CodeAction(string Title, string Kind, Diagnostic[]? Diagnostics = null, WorkspaceEdit? Edit = null, bool? IsPreferred = null);

/// <summary>
/// Quick fixes for the diagnostics under the cursor: the did-you-mean of an unknown name, field, enumeration
/// member, rule or scenario target; a rate of the wrong period converted through the calendar with <c>as</c>
/// (offered only when the document, so edited, no longer has that error); a missing citation, filled with a clause
/// the policy already cites nearby. Titles speak the client's language.
/// </summary>
public sealed partial class CodeActionProvider : ILanguageFeature
{
    private readonly ServerContext _context;

    public CodeActionProvider(ServerContext context) => _context = context;

    public ServerCapabilities Advertise(ServerCapabilities capabilities) =>
        capabilities with { CodeActionProvider = new CodeActionOptions(new[] { "quickfix" }) };

    [GeneratedRegex(@"did you mean '([^']+)'\?")]
    private static partial Regex DidYouMean();

    [JsonRpcMethod("textDocument/codeAction")]
    public CodeAction[] Actions(CodeActionParams p, CancellationToken cancellation)
    {
        var analysis = _context.Workspace.Analyze(p.TextDocument.Uri);
        if (analysis is null) return Array.Empty<CodeAction>();
        var start = analysis.Offset(p.Range.Start);
        var end = analysis.Offset(p.Range.End);
        return Compute(analysis, start, end, cancellation).ToArray();
    }

    public static IEnumerable<CodeAction> Compute(DocumentAnalysis analysis, int start, int end, CancellationToken cancellation = default)
    {
        var language = analysis.Language;
        foreach (var d in DiagnosticsPublisher.Own(analysis))
        {
            cancellation.ThrowIfCancellationRequested();
            var span = d.Location.Span;
            if (span.End < start || span.Start > end) continue;
            var diagnostics = new[] { DiagnosticsPublisher.Convert(analysis, d) };

            if (DidYouMean().Match(d.GetMessage(Language.English)) is { Success: true } mean && span.Length > 0)
            {
                var suggestion = mean.Groups[1].Value;
                yield return new CodeAction(SymbolFacts.T(language, $"Change to '{suggestion}'", $"改为“{suggestion}”"), "quickfix", diagnostics,
                    Edit(analysis, span, suggestion), true);
            }

            if (d.Code == "PL0202" && d.Arguments.Count > 2 && d.Arguments[2] is PolicyType target && span.Length > 0)
            {
                var original = analysis.Text.ToString(span);
                var converted = $"{original} as {target.ToString(Language.English)}";
                if (Fixes(analysis, span, converted, d.Code))
                    yield return new CodeAction(SymbolFacts.T(language, $"Convert through the calendar: '… as {target.ToString(Language.English)}'", $"通过校历换算：“… 折合 {target.ToString(Language.Chinese)}”"),
                        "quickfix", diagnostics, Edit(analysis, span, converted), true);
            }

            if (d.Code == "PL0121")
            {
                var insertAt = CitationPoint(analysis, span);
                foreach (var clause in NearbyClauses(analysis, span.Start).Take(3))
                    yield return new CodeAction(SymbolFacts.T(language, $"Add citation § \"{clause}\" (cited nearby)", $"添加依据 § \"{clause}\"（附近已引用）"), "quickfix", diagnostics,
                        Edit(analysis, new TextSpan(insertAt, 0), $" § {SyntaxFacts.QuoteString(clause)}"));
            }
        }
    }

    private static WorkspaceEdit Edit(DocumentAnalysis analysis, TextSpan span, string text) =>
        new(new Dictionary<string, TextEdit[]> { [analysis.Uri] = new[] { new TextEdit(analysis.Range(span), text) } });

    /// <summary>Whether replacing the span removes the diagnostic there without adding errors.</summary>
    private static bool Fixes(DocumentAnalysis analysis, TextSpan span, string replacement, string code)
    {
        var content = analysis.Text.Content;
        var edited = string.Concat(content.AsSpan(0, span.Start), replacement, content.AsSpan(span.End));
        var tree = SyntaxTree.Parse(edited, analysis.Tree.Path);
        var compilation = Compilation.Create(tree, analysis.Workspace, new BindOptions { CheckTestFiles = false });
        var errorsBefore = analysis.Compilation.Diagnostics.Count(x => x.IsError);
        var errorsAfter = compilation.Diagnostics.Count(x => x.IsError);
        return errorsAfter < errorsBefore && !compilation.Diagnostics.Any(x => x.Code == code && x.Location.Span.Start == span.Start);
    }

    /// <summary>Where a citation goes: after the rule's name and description, or at the end of the section line's text.</summary>
    private static int CitationPoint(DocumentAnalysis analysis, TextSpan diagnostic)
    {
        var node = analysis.Tree.Root.Members.FirstOrDefault(m => m.Span.Contains(diagnostic.Start));
        SyntaxToken? last = node switch
        {
            RuleDeclarationSyntax rule => rule.Descriptions.Length > 0 ? rule.Descriptions[^1] : rule.Name,
            SectionSyntax section => section.Items.FirstOrDefault(i => i.Span.Contains(diagnostic.Start)) is { } item
                ? item.DescendantTokens().LastOrDefault(t => !t.IsMissing && t.Kind != TokenKind.Semi) : null,
            _ => null,
        };
        return last?.Span.End ?? analysis.Text.GetLineEnd(analysis.Text.GetLineIndex(diagnostic.Start));
    }

    /// <summary>The clauses the document cites, nearest to the offset first.</summary>
    private static IEnumerable<string> NearbyClauses(DocumentAnalysis analysis, int offset) =>
        analysis.Tree.Root.DescendantNodesAndSelf().OfType<CitationSyntax>()
            .Where(c => !c.Clause.IsMissing)
            .OrderBy(c => Math.Abs(c.Span.Start - offset))
            .Select(c => c.Value)
            .Where(v => v.Length > 0)
            .Distinct();
}
