using PolicyLang.LanguageServer.Analysis;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Text;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.SemanticTokens;

public sealed record SemanticTokensParams(TextDocumentIdentifier TextDocument);

public sealed record SemanticTokensResult(int[] Data);

/// <summary>
/// Semantic tokens: what the TextMate grammar cannot know — which names are parameters, measures, rules,
/// scenarios, plan fields, enumeration members or variables, and which are declarations — over the lexical
/// classes (keywords in either language, numbers, strings, units, comments).
/// </summary>
public sealed class SemanticTokensProvider : ILanguageFeature
{
    public static readonly string[] TokenTypes =
        { "keyword", "namespace", "parameter", "variable", "function", "property", "enumMember", "string", "number", "comment", "operator", "type", "event", "method", "class" };

    public static readonly string[] TokenModifiers = { "declaration", "readonly", "defaultLibrary" };

    private const int Keyword = 0, Namespace = 1, Parameter = 2, Variable = 3, Function = 4, Property = 5, EnumMember = 6, String = 7, Number = 8,
        Comment = 9, Operator = 10, Type = 11, Event = 12, Method = 13, Class = 14;

    private const int Declaration = 1, Readonly = 2, DefaultLibrary = 4;

    private readonly ServerContext _context;

    public SemanticTokensProvider(ServerContext context) => _context = context;

    public ServerCapabilities Advertise(ServerCapabilities capabilities) =>
        capabilities with { SemanticTokensProvider = new SemanticTokensOptions(new SemanticTokensLegend(TokenTypes, TokenModifiers), Full: true) };

    [JsonRpcMethod("textDocument/semanticTokens/full")]
    public SemanticTokensResult Full(SemanticTokensParams p, CancellationToken cancellation)
    {
        var analysis = _context.Workspace.Analyze(p.TextDocument.Uri);
        if (analysis is null) return new SemanticTokensResult(Array.Empty<int>());
        cancellation.ThrowIfCancellationRequested();
        return new SemanticTokensResult(Encode(analysis.Text, Classify(analysis)));
    }

    /// <summary>Every classified span of the document, in text order.</summary>
    public static List<(TextSpan Span, int Type, int Modifiers)> Classify(DocumentAnalysis analysis)
    {
        var result = new List<(TextSpan, int, int)>();
        var names = new Dictionary<int, SymbolOccurrence>();
        foreach (var o in analysis.Index.Occurrences) names.TryAdd(o.Span.Start, o);
        foreach (var token in analysis.Tree.Tokens)
        {
            if (token.IsMissing || token.Span.Length == 0 || token.Kind == TokenKind.EndOfFile) continue;
            int? type = null;
            var modifiers = 0;
            if (names.TryGetValue(token.Span.Start, out var occurrence) && occurrence.Span == token.Span)
            {
                (type, modifiers) = occurrence.Target.Kind switch
                {
                    SymbolKind.Parameter => (Parameter, Readonly),
                    SymbolKind.Measure => (Function, (occurrence.Target.Symbol as MeasureSymbol)?.IsStandard == true ? DefaultLibrary : 0),
                    SymbolKind.Rule => (Method, 0),
                    SymbolKind.Scenario => (Event, 0),
                    SymbolKind.Policy => (Class, 0),
                    SymbolKind.Field => (Property, DefaultLibrary),
                    SymbolKind.EnumMember => (EnumMember, DefaultLibrary),
                    SymbolKind.Root => (Variable, DefaultLibrary | Readonly),
                    _ => (Variable, 0),
                };
                if (occurrence.IsDeclaration) modifiers |= Declaration;
            }
            else
            {
                type = token.Kind switch
                {
                    TokenKind.String or TokenKind.UnterminatedString => String,
                    TokenKind.Number or TokenKind.PercentLit or TokenKind.Date or TokenKind.Time => Number,
                    TokenKind.Cny or TokenKind.Yuan or TokenKind.Yen or TokenKind.RateZh or TokenKind.RateSlash or TokenKind.Per or TokenKind.Student
                        or TokenKind.Day or TokenKind.Month or TokenKind.Semester or TokenKind.Year or TokenKind.Minutes or TokenKind.Hours => Type,
                    TokenKind.Window or TokenKind.Fee or TokenKind.Subsidy or TokenKind.Pay or TokenKind.Staffing or TokenKind.Eligibility
                        or TokenKind.Homework or TokenKind.Calendar => Namespace,
                    TokenKind.Eqeq or TokenKind.Neq or TokenKind.Le or TokenKind.Ge or TokenKind.Lt or TokenKind.Gt or TokenKind.Plus
                        or TokenKind.Minus or TokenKind.Star or TokenKind.Slash or TokenKind.Dotdot => Operator,
                    TokenKind.Id => null,
                    _ when SyntaxFacts.IsKeyword(token.Kind) => Keyword,
                    _ => null,
                };
            }
            if (type is { } t) result.Add((token.Span, t, modifiers));
        }
        foreach (var comment in analysis.Tree.Comments) result.Add((comment.Span, Comment, 0));
        result.Sort((a, b) => a.Item1.Start.CompareTo(b.Item1.Start));
        return result;
    }

    /// <summary>LSP's relative encoding (line delta, start delta, length, type, modifiers); spans over several lines are cut at line ends.</summary>
    public static int[] Encode(SourceText text, IEnumerable<(TextSpan Span, int Type, int Modifiers)> spans)
    {
        var data = new List<int>();
        int lastLine = 0, lastStart = 0;
        foreach (var (span, type, modifiers) in spans)
        {
            var start = text.GetLinePosition(span.Start);
            var end = text.GetLinePosition(Math.Min(text.Length, span.End));
            for (var line = start.Line; line <= end.Line; line++)
            {
                var from = line == start.Line ? start.Character : 0;
                var to = line == end.Line ? end.Character : LineLength(text, line);
                if (to <= from) continue;
                data.Add(line - lastLine);
                data.Add(line == lastLine ? from - lastStart : from);
                data.Add(to - from);
                data.Add(type);
                data.Add(modifiers);
                lastLine = line;
                lastStart = from;
            }
        }
        return data.ToArray();
    }

    private static int LineLength(SourceText text, int line) => text.GetLineEnd(line) - text.GetLineStart(line);
}
