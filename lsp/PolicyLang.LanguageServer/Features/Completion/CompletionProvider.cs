using System.Text.RegularExpressions;
using PolicyLang.Binding;
using PolicyLang.LanguageServer.Analysis;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Types;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.Completion;

public sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position) : TextDocumentPositionParams(TextDocument, Position);

public sealed record CompletionItem(string Label, int Kind, string? Detail = null, MarkupContent? Documentation = null, string? SortText = null, string? InsertText = null, string? FilterText = null);

public sealed record CompletionList(bool IsIncomplete, CompletionItem[] Items);

/// <summary>LSP's CompletionItemKind numbers used here.</summary>
public static class CompletionKind
{
    public const int Function = 3;
    public const int Field = 5;
    public const int Variable = 6;
    public const int Module = 9;
    public const int Unit = 11;
    public const int Value = 12;
    public const int Keyword = 14;
    public const int EnumMember = 20;
    public const int Constant = 21;
    public const int Event = 23;
}

/// <summary>
/// Completion by context: declaration keywords at the top level; header keywords inside <c>policy { }</c>; inside a
/// section, the keywords its lines start with (inside <c>fee { }</c>: cap, waive, refund, free, collected_by) and
/// the names they may start with; <c>set</c>/<c>assume</c> in a scenario, <c>given</c>/<c>expect</c> in a test;
/// schema fields after <c>plan.</c>, <c>school.</c> or a variable; the members of the enumeration a comparison
/// needs; units after a number; rule names after <c>expect violation</c>; elsewhere parameters, measures,
/// functions and expression keywords. Keywords come in both languages, the client's first.
/// </summary>
public sealed partial class CompletionProvider : ILanguageFeature
{
    private readonly ServerContext _context;

    public CompletionProvider(ServerContext context) => _context = context;

    public ServerCapabilities Advertise(ServerCapabilities capabilities) =>
        capabilities with { CompletionProvider = new CompletionOptions(new[] { ".", " ", "{" }) };

    [JsonRpcMethod("textDocument/completion")]
    public CompletionList Complete(CompletionParams p, CancellationToken cancellation)
    {
        var analysis = _context.Workspace.Analyze(p.TextDocument.Uri);
        if (analysis is null) return new CompletionList(false, Array.Empty<CompletionItem>());
        cancellation.ThrowIfCancellationRequested();
        return new CompletionList(false, Compute(analysis, analysis.Offset(p.Position)).ToArray());
    }

    private static readonly TokenKind[] s_declarations =
    {
        TokenKind.Policy, TokenKind.Param, TokenKind.Measure, TokenKind.Rule, TokenKind.Scenario, TokenKind.Test,
        TokenKind.Window, TokenKind.Fee, TokenKind.Subsidy, TokenKind.Pay, TokenKind.Staffing, TokenKind.Eligibility, TokenKind.Homework, TokenKind.Calendar,
    };

    private static readonly TokenKind[] s_header =
        { TokenKind.Title, TokenKind.Issuer, TokenKind.Document, TokenKind.Level, TokenKind.Effective, TokenKind.Applies, TokenKind.Extends };

    private static readonly TokenKind[] s_expression =
    {
        TokenKind.And, TokenKind.Or, TokenKind.Not, TokenKind.In, TokenKind.Any, TokenKind.All, TokenKind.No, TokenKind.Where,
        TokenKind.If, TokenKind.Then, TokenKind.Else, TokenKind.True, TokenKind.False, TokenKind.When, TokenKind.Require, TokenKind.Forbid,
    };

    private static readonly string[] s_moneyUnits =
    {
        "元/生/月", "元/生/学期", "元/生/学年", "元/生/天", "元/生/课时", "元/课时",
        "CNY per student per month", "CNY per student per semester", "CNY per student per year", "CNY per student per day", "CNY per period",
        "min", "hours", "分钟", "小时", "%",
    };

    [GeneratedRegex(@"([\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*)\.$")]
    private static partial Regex MemberChain();

    [GeneratedRegex(@"([\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*)\s*(?:==|!=|=|不在|在|not\s+in|in)\s*(?:\{[^}]*)?$")]
    private static partial Regex ComparedChain();

    [GeneratedRegex(@"\d\s*$")]
    private static partial Regex AfterNumber();

    [GeneratedRegex(@"^\s*(?:set|设定|设置)\s+([\p{L}_][\p{L}\p{N}_]*)?$")]
    private static partial Regex ScenarioSet();

    [GeneratedRegex(@"(?:expect|预期)\s+(?:violation|违反)\s+(?:[\p{L}_][\p{L}\p{N}_.]*\s*,\s*)*$")]
    private static partial Regex ExpectViolation();

    public static IEnumerable<CompletionItem> Compute(DocumentAnalysis analysis, int offset)
    {
        var text = analysis.Text.Content;
        offset = Math.Clamp(offset, 0, text.Length);
        var wordStart = offset;
        while (wordStart > 0 && (char.IsLetterOrDigit(text[wordStart - 1]) || text[wordStart - 1] == '_')) wordStart--;
        var lineStart = text.LastIndexOf('\n', Math.Max(0, wordStart - 1)) + 1;
        if (wordStart == 0) lineStart = 0;
        var before = text[lineStart..wordStart];
        var language = analysis.Language;
        var policy = analysis.Policy;

        if (ScenarioSet().Match(before + text[wordStart..offset]) is { Success: true } && Enclosing(analysis, offset) is ScenarioDeclarationSyntax)
            return policy.Parameters.Select(p => Item(p.Name, CompletionKind.Constant, p.Type.ToString(language), SymbolFacts.Describe(SymbolTarget.For(p), policy, language)));

        if (MemberChain().Match(before) is { Success: true } member)
            return Members(analysis, member.Groups[1].Value, offset);

        var enclosing = Enclosing(analysis, offset);
        var lineLead = string.IsNullOrWhiteSpace(before);
        switch (enclosing)
        {
            case null when lineLead:
                return Keywords(s_declarations, language);
            case PolicyDeclarationSyntax when lineLead:
                return Keywords(s_header, language);
            case SectionSyntax section when lineLead:
                return Keywords(SyntaxFacts.SectionItemKeywords(section.SectionKind), language).Concat(LineNames(section.SectionKind, policy, language));
            case ScenarioDeclarationSyntax when lineLead:
                return Keywords(new[] { TokenKind.Set, TokenKind.Assume }, language);
            case TestDeclarationSyntax when lineLead:
                return Keywords(new[] { TokenKind.Given, TokenKind.Expect }, language);
        }

        if (ExpectViolation().IsMatch(before))
            return policy.Rules.Select(r => Item(r.Id, CompletionKind.Event, r.Citation?.ToString(), SymbolFacts.Describe(SymbolTarget.For(r.Symbol), policy, language)));
        if (AfterNumber().IsMatch(before))
            return s_moneyUnits.Select((u, i) => Item(u, CompletionKind.Unit, sortText: i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)));
        if (ComparedChain().Match(before) is { Success: true } compared && TypeOfChain(analysis, compared.Groups[1].Value, offset) is { } comparedType)
        {
            var element = comparedType.ElementType ?? comparedType;
            if (element is EnumType enumType) return EnumMembers(enumType.Symbol, language);
        }
        return Expression(analysis, offset);
    }

    /// <summary>The declaration whose braces (or, for rules and parameters, whose text) hold the offset.</summary>
    private static MemberSyntax? Enclosing(DocumentAnalysis analysis, int offset)
    {
        foreach (var member in analysis.Tree.Root.Members)
        {
            (SyntaxToken Open, SyntaxToken Close)? braces = member switch
            {
                PolicyDeclarationSyntax p => (p.OpenBrace, p.CloseBrace),
                SectionSyntax s => (s.OpenBrace, s.CloseBrace),
                ScenarioDeclarationSyntax s => (s.OpenBrace, s.CloseBrace),
                TestDeclarationSyntax t => (t.OpenBrace, t.CloseBrace),
                _ => null,
            };
            if (braces is { } b)
            {
                if (b.Open.IsMissing) continue;
                var end = b.Close.IsMissing ? int.MaxValue : b.Close.Span.Start;
                if (b.Open.Span.End <= offset && offset <= end) return member;
            }
            else if (member.Span.Start < offset && offset <= member.Span.End)
            {
                return member;
            }
        }
        return null;
    }

    private static IEnumerable<CompletionItem> Keywords(IEnumerable<TokenKind> kinds, Language language)
    {
        var rank = 0;
        foreach (var kind in kinds)
        {
            if (SyntaxFacts.GetKeyword(kind) is not { } info) continue;
            var preferred = language == Language.Chinese ? info.Chinese : info.English;
            var other = language == Language.Chinese ? info.English : info.Chinese;
            foreach (var (spelling, group) in preferred.Select(s => (s, 0)).Concat(other.Select(s => (s, 1))))
                yield return Item(spelling, CompletionKind.Keyword, detail: string.Join(" / ", info.English.Concat(info.Chinese)), documentation: info.Meaning(language),
                    sortText: $"{group}{rank:D3}");
            rank++;
        }
    }

    /// <summary>Names a section's lines may start with, from the plan schema.</summary>
    private static IEnumerable<CompletionItem> LineNames(SectionKind section, BoundPolicy policy, Language language)
    {
        IEnumerable<(string Name, string? Detail)> names = section switch
        {
            SectionKind.Pay => new[] { ("staff_share", (string?)"percent") }
                .Concat(PlanSchema.ProviderKind.Members.Select(m => (m.Name, (string?)m.ChineseName)))
                .Concat(PlanSchema.Finance.Fields.Select(f => (f.Name, (string?)f.Type.ToString(language)))),
            SectionKind.Staffing => new[] { ("ratio", (string?)PolicyType.Ratio.ToString(language)) },
            SectionKind.Homework => PlanSchema.HomeworkMinutes.Fields.Select(f => (f.Name, (string?)SymbolFacts.T(language, f.Description, f.ChineseDescription))),
            SectionKind.Calendar => new[] { policy.SchoolMonths, policy.Semesters, policy.SchoolDays, policy.PeriodsPerDay }
                .Select(p => (p.Name[(p.Name.LastIndexOf('.') + 1)..], (string?)p.Type.ToString(language))),
            _ => Array.Empty<(string, string?)>(),
        };
        return names.Select(n => Item(n.Name, CompletionKind.Field, n.Detail, sortText: "2" + n.Name));
    }

    private static IEnumerable<CompletionItem> EnumMembers(EnumSymbol symbol, Language language) =>
        symbol.Members.SelectMany(m => new[]
        {
            Item(language == Language.Chinese && m.ChineseName.Length > 0 ? m.ChineseName : m.Name, CompletionKind.EnumMember, $"{symbol.Name} ({symbol.ChineseName})",
                SymbolFacts.T(language, $"`{m.Name}` / `{m.ChineseName}`", $"`{m.ChineseName}` / `{m.Name}`"), sortText: "0" + m.Ordinal.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
                filterText: m.Name + " " + m.ChineseName),
        });

    /// <summary>The fields after <c>chain.</c>: of the record the chain names (plan, school, a variable, a field).</summary>
    private static IEnumerable<CompletionItem> Members(DocumentAnalysis analysis, string chain, int offset)
    {
        var type = TypeOfChain(analysis, chain, offset);
        if ((type?.ElementType ?? type) is not RecordType record)
        {
            // A section value in a scenario's set or elsewhere: fee.cap.urban, window.end, calendar.school_days.
            var prefix = chain + ".";
            return analysis.Policy.Parameters.Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal))
                .Select(p => p.Name[prefix.Length..].Split('.')[0]).Distinct()
                .Select(n => Item(n, CompletionKind.Constant, null));
        }
        var language = analysis.Language;
        return record.Symbol.Fields.Select(f => Item(f.Name, CompletionKind.Field, f.Type.ToString(language) + (f.IsOptional ? "?" : string.Empty),
            SymbolFacts.T(language, f.Description, f.ChineseDescription) + $"\n\n`{record.Symbol.JsonPath}.{f.Name}`"));
    }

    /// <summary>The type a dotted chain of names has at an offset: plan, school, cohorts, a variable in scope, a field of them.</summary>
    public static PolicyType? TypeOfChain(DocumentAnalysis analysis, string chain, int offset)
    {
        var parts = chain.Split('.');
        PolicyType? type = parts[0] switch
        {
            "plan" or "方案" => PlanSchema.PlanRoot.Type,
            "school" or "学校" => InMeasure(analysis, offset) ? PlanSchema.DistrictSchoolRoot.Type : PlanSchema.SchoolRoot.Type,
            "cohorts" => PlanSchema.CohortsRoot.Type,
            _ => analysis.Index.Occurrences.Where(o => o.Target.Symbol is VariableSymbol && o.Target.Name == parts[0])
                .Select(o => ((VariableSymbol)o.Target.Symbol).Type).FirstOrDefault() ?? VariableFromText(analysis, parts[0], offset),
        };
        foreach (var part in parts.Skip(1))
        {
            var element = type?.ElementType ?? type;
            if (element is not RecordType record || record.Symbol.Lookup(part) is not { } field) return null;
            type = field.Type;
        }
        return type;
    }

    /// <summary>
    /// A variable the binder has not seen (the text around it is still being typed): its type from the nearest
    /// <c>NAME in COLLECTION</c> before the cursor.
    /// </summary>
    private static PolicyType? VariableFromText(DocumentAnalysis analysis, string name, int offset)
    {
        var before = analysis.Text.Content[..Math.Min(offset, analysis.Text.Length)];
        var binding = Regex.Matches(before, $@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(name)}\s+(?:in|在)\s+([\p{{L}}_][\p{{L}}\p{{N}}_]*(?:\.[\p{{L}}_][\p{{L}}\p{{N}}_]*)*)").LastOrDefault();
        if (binding is null || binding.Groups[1].Value.Split('.')[0] == name) return null;
        return TypeOfChain(analysis, binding.Groups[1].Value, binding.Index)?.ElementType;
    }

    private static bool InMeasure(DocumentAnalysis analysis, int offset) =>
        analysis.Tree.Root.Members.OfType<MeasureDeclarationSyntax>().Any(m => m.Span.Start <= offset && offset <= m.Span.End + 1);

    private static IEnumerable<CompletionItem> Expression(DocumentAnalysis analysis, int offset)
    {
        var policy = analysis.Policy;
        var language = analysis.Language;
        var inMeasure = InMeasure(analysis, offset);
        foreach (var p in policy.Parameters.Where(p => !p.Name.Contains('.')))
            yield return Item(p.Name, CompletionKind.Constant, p.Type.ToString(language), SymbolFacts.Describe(SymbolTarget.For(p), policy, language), sortText: "0" + p.Name);
        foreach (var m in policy.Measures.Where(m => inMeasure || !m.IsStandard))
            yield return Item(m.Name, CompletionKind.Variable, m.Type.ToString(language), SymbolFacts.Describe(SymbolTarget.For(m), policy, language), sortText: "1" + m.Name);
        foreach (var root in inMeasure ? new[] { PlanSchema.DistrictSchoolRoot, PlanSchema.CohortsRoot } : new[] { PlanSchema.PlanRoot, PlanSchema.SchoolRoot })
            yield return Item(root.Name, CompletionKind.Module, root.Type.ToString(language), root.Description, sortText: "1" + root.Name);
        foreach (var (name, function) in BuiltinFunctionFacts.Spellings)
        {
            if (BuiltinFunctionFacts.IsModelFunction(function) && !inMeasure) continue;
            if (SyntaxFacts.IsChinese(name) != (language == Language.Chinese)) continue;
            yield return Item(name, CompletionKind.Function, function.ToString(), insertText: name + "(", sortText: "2" + name);
        }
        foreach (var keyword in Keywords(s_expression, language)) yield return keyword with { SortText = "3" + keyword.SortText };
    }

    private static CompletionItem Item(string label, int kind, string? detail = null, string? documentation = null, string? sortText = null, string? insertText = null, string? filterText = null) =>
        new(label, kind, detail, documentation is null ? null : MarkupContent.Markdown(documentation), sortText, insertText, filterText);
}
