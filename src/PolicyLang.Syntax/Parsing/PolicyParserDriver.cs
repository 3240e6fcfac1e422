using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using PolicyLang.Diagnostics;
using PolicyLang.Syntax.Parsing.Generated;
using PolicyLang.Text;

namespace PolicyLang.Syntax.Parsing;

/// <summary>
/// Lexes and parses one file: checks tokens (bad characters, unterminated strings, invalid dates and times,
/// keywords glued to numbers, bracket depth), parses with SLL and falls back to full LL with error recovery,
/// then builds the syntax tree.
/// </summary>
internal static class PolicyParserDriver
{
    public const int MaxNestingDepth = 200;
    public const int MaxSyntaxErrors = 100;
    private const int HiddenChannel = 1;
    private const int DroppedChannel = 3;

    public static SyntaxTree Parse(SourceText text)
    {
        var diagnostics = new DiagnosticBag();
        // Not CharStreams.fromString: it throws on a lone surrogate, which this stream reads as a bad character.
        var input = new PolicyCharStream(text.Content);
        Func<int, int> offset = input.IsIdentity ? i => i : input.Offset;
        var lexer = new PolicyLexer(input);
        lexer.RemoveErrorListeners();
        var stream = new CommonTokenStream(lexer);
        stream.Fill();
        var tokens = stream.GetTokens();

        var suppressed = new List<(int Start, int End)>();
        var comments = ImmutableArray.CreateBuilder<SyntaxComment>();
        // The significant tokens by ANTLR token index: the tree reuses them instead of making its own copies.
        var byIndex = new SyntaxToken?[tokens.Count];
        CheckTokens(text, tokens, offset, diagnostics, suppressed, comments, byIndex);
        var significant = Significant(byIndex);

        if (significant.Length == 0)
        {
            diagnostics.Report(DiagnosticDescriptors.EmptyFile, new Location(text, new TextSpan(0, 0)));
        }

        CompilationUnitSyntax root;
        var errors = new List<SyntaxError>();
        try
        {
            root = ParseAndBuild(stream, errors, () => new TreeBuilder(text, offset, new DiagnosticBag(), byIndex), diagnostics);
        }
        catch (InsufficientExecutionStackException)
        {
            var at = stream.LT(1) is { StartIndex: >= 0 } t ? offset(t.StartIndex) : 0;
            diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, new Location(text, new TextSpan(at, 0)), MaxNestingDepth);
            root = new CompilationUnitSyntax(ImmutableArray<MemberSyntax>.Empty, new SyntaxToken(TokenKind.EndOfFile, string.Empty, new TextSpan(text.Length, 0)));
        }

        ReportSyntaxErrors(text, offset, errors, suppressed, diagnostics);
        return new SyntaxTree(text, root, diagnostics.ToImmutableSorted(), comments.ToImmutable(), significant);
    }

    /// <summary>
    /// Parses with SLL, falling back to full LL with error recovery, and builds the syntax tree member by member as
    /// the parser finishes each one (<see cref="TreeBuilder.MemberListener"/>), so that ANTLR's parse tree of a member
    /// is garbage before the next member is parsed instead of living, and being copied by the GC, until the end.
    /// The builder's diagnostics are added once the parse has succeeded.
    /// </summary>
    private static CompilationUnitSyntax ParseAndBuild(CommonTokenStream stream, List<SyntaxError> errors, Func<TreeBuilder> newBuilder, DiagnosticBag diagnostics)
    {
        var parser = new PolicyParser(stream);
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new BailErrorStrategy();
        var builder = newBuilder();
        var listener = new TreeBuilder.MemberListener(builder, parser);
        parser.AddParseListener(listener);
        PolicyParser.CompilationUnitContext tree;
        try
        {
            tree = parser.compilationUnit();
        }
        catch (ParseCanceledException)
        {
            stream.Seek(0);
            parser.Reset();
            parser.RemoveParseListeners();
            parser.Interpreter.PredictionMode = PredictionMode.LL;
            parser.ErrorHandler = new SyntaxErrorStrategy(errors);
            builder = newBuilder();
            listener = new TreeBuilder.MemberListener(builder, parser);
            parser.AddParseListener(listener);
            tree = parser.compilationUnit();
        }
        var root = builder.Build(tree, listener.Members);
        diagnostics.AddRange(builder.Diagnostics);
        return root;
    }

    private static void CheckTokens(SourceText text, IList<IToken> tokens, Func<int, int> offset, DiagnosticBag diagnostics,
        List<(int, int)> suppressed, ImmutableArray<SyntaxComment>.Builder comments, SyntaxToken?[] byIndex)
    {
        TextSpan SpanOf(IToken t) => TextSpan.FromBounds(offset(t.StartIndex), offset(t.StopIndex + 1));
        Location Loc(IToken t) => new(text, SpanOf(t));
        string TextOf(IToken t) => text.ToString(SpanOf(t));
        var texts = new TokenTexts(text.Content);
        // Like syntax errors, lexical errors stop being reported after MaxSyntaxErrors (5 MB of '#' is one PL0008,
        // not five million diagnostics); the tokens are still checked and dropped as before.
        var errors = new CappedErrors(diagnostics);

        var depth = 0;
        var dropFromDepth = -1;
        var dropStart = 0;
        var prefixRun = new List<CommonToken>();
        foreach (var t in tokens)
        {
            if (t.Type == TokenConstants.EOF) break;
            var token = (CommonToken)t;
            if (dropFromDepth >= 0)
            {
                // Inside brackets nested too deep: the parser never sees these tokens.
                if (t.Type is PolicyLexer.LPAREN or PolicyLexer.LBRACE or PolicyLexer.LBRACK) depth++;
                else if (t.Type is PolicyLexer.RPAREN or PolicyLexer.RBRACE or PolicyLexer.RBRACK) depth--;
                if (t.Channel == 0) token.Channel = DroppedChannel;
                if (depth < dropFromDepth)
                {
                    suppressed.Add((dropStart, offset(t.StopIndex + 1) + 1));
                    dropFromDepth = -1;
                }
                continue;
            }

            if (t.Channel == 0)
            {
                // A run of prefix operators (not not not …, - - - …) nests one level per operator, in the parser as in
                // the tree; past MaxExpressionDepth it is reported here, and only its first operator is kept, so that
                // the parser neither runs out of stack nor throws the whole tree away.
                if (t.Type is PolicyLexer.NOT or PolicyLexer.MINUS)
                {
                    if (prefixRun.Count > TreeBuilder.MaxExpressionDepth)
                    {
                        token.Channel = DroppedChannel;
                        continue;
                    }
                    prefixRun.Add(token);
                    if (prefixRun.Count > TreeBuilder.MaxExpressionDepth)
                    {
                        errors.Report(DiagnosticDescriptors.ExpressionTooComplex, Loc(t), TreeBuilder.MaxExpressionDepth);
                        for (var i = 1; i < prefixRun.Count; i++)
                        {
                            prefixRun[i].Channel = DroppedChannel;
                            byIndex[prefixRun[i].TokenIndex] = null;
                        }
                        continue;
                    }
                }
                else
                {
                    prefixRun.Clear();
                }
            }

            switch (t.Type)
            {
                case PolicyLexer.LINE_COMMENT:
                case PolicyLexer.BLOCK_COMMENT:
                    comments.Add(new SyntaxComment(TextOf(t), Loc(t).Span, t.Type == PolicyLexer.BLOCK_COMMENT));
                    CheckLoneSurrogates(text, t, offset, errors);
                    continue;
                case PolicyLexer.UNTERMINATED_COMMENT:
                    errors.Report(DiagnosticDescriptors.UnterminatedComment, new Location(text, new TextSpan(offset(t.StartIndex), 2)));
                    comments.Add(new SyntaxComment(TextOf(t), Loc(t).Span, true));
                    CheckLoneSurrogates(text, t, offset, errors);
                    token.Channel = DroppedChannel;
                    continue;
                case PolicyLexer.BAD_CHAR:
                {
                    var ch = TextOf(t);
                    errors.Report(DiagnosticDescriptors.BadCharacter, Loc(t), Printable(ch), BadCharacterHint(ch));
                    token.Channel = DroppedChannel;
                    continue;
                }
                case PolicyLexer.UNTERMINATED_STRING:
                    errors.Report(DiagnosticDescriptors.UnterminatedString, Loc(t));
                    token.Type = PolicyLexer.STRING;
                    CheckEscapes(text, t, offset, errors);
                    CheckLoneSurrogates(text, t, offset, errors);
                    break;
                case PolicyLexer.STRING:
                    CheckEscapes(text, t, offset, errors);
                    CheckLoneSurrogates(text, t, offset, errors);
                    break;
                case PolicyLexer.TIME:
                    if (!IsValidTime(TextOf(t))) errors.Report(DiagnosticDescriptors.InvalidTime, Loc(t), TextOf(t));
                    break;
                case PolicyLexer.DATE:
                    if (!IsValidDate(TextOf(t))) errors.Report(DiagnosticDescriptors.InvalidDate, Loc(t), TextOf(t));
                    break;
                case PolicyLexer.LPAREN:
                case PolicyLexer.LBRACE:
                case PolicyLexer.LBRACK:
                    depth++;
                    if (depth > MaxNestingDepth)
                    {
                        errors.Report(DiagnosticDescriptors.NestingTooDeep, Loc(t), MaxNestingDepth);
                        dropFromDepth = depth;
                        dropStart = offset(t.StartIndex);
                        token.Channel = DroppedChannel;
                        continue;
                    }
                    break;
                case PolicyLexer.RPAREN:
                case PolicyLexer.RBRACE:
                case PolicyLexer.RBRACK:
                    depth = Math.Max(0, depth - 1);
                    break;
            }
            if (t.Channel == 0)
            {
                var span = SpanOf(t);
                byIndex[t.TokenIndex] = new SyntaxToken(TokenKinds.FromAntlr(t.Type), texts.Get(span.Start, span.Length), span);
            }
        }
        if (dropFromDepth >= 0) suppressed.Add((dropStart, int.MaxValue));
    }

    /// <summary>The significant tokens in order: those <see cref="CheckTokens"/> made, in one array of the right size.</summary>
    private static ImmutableArray<SyntaxToken> Significant(SyntaxToken?[] byIndex)
    {
        var count = 0;
        foreach (var t in byIndex)
            if (t is not null)
                count++;
        var builder = ImmutableArray.CreateBuilder<SyntaxToken>(count);
        foreach (var t in byIndex)
            if (t is not null)
                builder.Add(t);
        return builder.MoveToImmutable();
    }

    private static string Printable(string ch)
    {
        if (ch.Length == 1 && (char.IsControl(ch[0]) || char.IsSurrogate(ch[0]))) return "U+" + ((int)ch[0]).ToString("X4");
        return ch;
    }

    private static LocalizedText BadCharacterHint(string ch) => ch switch
    {
        "“" or "”" => new LocalizedText("; write text in straight quotes \"…\"", "；文本请使用英文引号 \"…\""),
        "‘" or "’" or "'" => new LocalizedText("; write text in double quotes \"…\"", "；文本请使用双引号 \"…\""),
        "。" => new LocalizedText("; lines need no full stop", "；条目末尾无需句号"),
        "【" or "】" or "《" or "》" => new LocalizedText("; brackets of this kind belong inside quoted text", "；此类括号只能出现在引号内的文本中"),
        "#" => new LocalizedText("; comments start with //", "；注释以 // 开头"),
        _ when ch.Length == 1 && char.IsSurrogate(ch[0]) => new LocalizedText("; half of a UTF-16 surrogate pair is not a character", "；半个 UTF-16 代理对不是字符"),
        _ => new LocalizedText(string.Empty, string.Empty),
    };

    private static void CheckEscapes(SourceText text, IToken t, Func<int, int> offset, CappedErrors diagnostics)
    {
        var start = offset(t.StartIndex);
        var end = offset(t.StopIndex + 1);
        for (var i = start + 1; i < end; i++)
        {
            if (text[i] != '\\') continue;
            if (i + 1 >= end) break;
            var next = text[i + 1];
            if (next is not ('"' or '\\' or 'n' or 't'))
                diagnostics.Report(DiagnosticDescriptors.InvalidEscape, new Location(text, new TextSpan(i, 2)), next.ToString());
            i++;
        }
    }

    /// <summary>
    /// A lone UTF-16 surrogate is not a character (a file cannot hold one; an editor buffer can). Outside texts and
    /// comments the lexer makes it a BAD_CHAR; inside them it is reported here.
    /// </summary>
    private static void CheckLoneSurrogates(SourceText text, IToken t, Func<int, int> offset, CappedErrors errors)
    {
        var start = offset(t.StartIndex);
        var end = offset(t.StopIndex + 1);
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            var ch = c.ToString();
            errors.Report(DiagnosticDescriptors.BadCharacter, new Location(text, new TextSpan(i, 1)), Printable(ch), BadCharacterHint(ch));
        }
    }

    /// <summary>
    /// The texts of tokens, one string for each distinct short text (a name or keyword appears many times in a file).
    /// </summary>
    private sealed class TokenTexts
    {
        private const int MaxShared = 48;
        private readonly string _content;
#if NET
        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
#endif

        public TokenTexts(string content)
        {
            _content = content;
#if NET
            _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
#endif
        }

        public string Get(int start, int length)
        {
#if NET
            if (length <= MaxShared)
            {
                var chars = _content.AsSpan(start, length);
                if (!_lookup.TryGetValue(chars, out var shared))
                {
                    shared = chars.ToString();
                    _lookup[chars] = shared;
                }
                return shared;
            }
#endif
            return _content.Substring(start, length);
        }
    }

    /// <summary>Reports errors until there have been <see cref="MaxSyntaxErrors"/>, then one PL0008, then nothing.</summary>
    private sealed class CappedErrors
    {
        private readonly DiagnosticBag _diagnostics;
        private int _count;

        public CappedErrors(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

        public void Report(DiagnosticDescriptor descriptor, Location location, params object?[] arguments)
        {
            if (_count > MaxSyntaxErrors) return;
            if (++_count > MaxSyntaxErrors)
                _diagnostics.Report(DiagnosticDescriptors.TooManyErrors, location, MaxSyntaxErrors);
            else
                _diagnostics.Report(descriptor, location, arguments);
        }
    }

    /// <summary>An English keyword glued to a number (least80%, cap100) is one name; say so instead of "unexpected name".</summary>
    private static (string Spelling, string Remainder)? GluedKeyword(string word)
    {
        foreach (var info in SyntaxFacts.Keywords)
            foreach (var spelling in info.English)
                if (spelling.Length > 0 && word.Length > spelling.Length && word.StartsWith(spelling, StringComparison.Ordinal) && char.IsDigit(word[spelling.Length]))
                    return (spelling, word.Substring(spelling.Length));
        return null;
    }

    internal static bool IsValidTime(string s)
    {
        var colon = s.IndexOf(':');
        if (colon < 0) return false;
        if (!int.TryParse(s.Substring(0, colon), out var h) || !int.TryParse(s.Substring(colon + 1), out var m)) return false;
        return h >= 0 && m >= 0 && m < 60 && (h < 24 || h == 24 && m == 0);
    }

    internal static bool IsValidDate(string s) =>
        DateTime.TryParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    private static void ReportSyntaxErrors(SourceText text, Func<int, int> offset, List<SyntaxError> errors, List<(int Start, int End)> suppressed, DiagnosticBag diagnostics)
    {
        var reportedAt = new HashSet<int>();
        var count = 0;
        foreach (var error in errors)
        {
            var token = error.Offending;
            var isEof = token.Type == TokenConstants.EOF;
            var start = isEof || token.StartIndex < 0 ? text.Length : offset(token.StartIndex);
            var end = isEof || token.StartIndex < 0 ? text.Length : offset(token.StopIndex + 1);
            if (suppressed.Any(s => start >= s.Start && start < s.End)) continue;
            if (!reportedAt.Add(start)) continue;
            if (++count > MaxSyntaxErrors)
            {
                diagnostics.Report(DiagnosticDescriptors.TooManyErrors, new Location(text, TextSpan.FromBounds(start, end)), MaxSyntaxErrors);
                break;
            }

            var found = new SyntaxToken(TokenKinds.FromAntlr(token.Type), isEof ? string.Empty : text.ToString(TextSpan.FromBounds(start, end)), TextSpan.FromBounds(start, end));
            if (found.Kind == TokenKind.Id && GluedKeyword(found.Text) is { } glued)
            {
                diagnostics.Report(DiagnosticDescriptors.KeywordGlued, new Location(text, found.Span), SyntaxFacts.Shorten(found.Text), glued.Spelling, SyntaxFacts.Shorten(glued.Remainder));
                // What recovery trips over next on this line follows from the glued word.
                suppressed.Add((start, text.GetLineEnd(text.GetLineIndex(start)) + 1));
                continue;
            }
            var foundText = new LocalizedText(SyntaxFacts.DescribeToken(found, Language.English), SyntaxFacts.DescribeToken(found, Language.Chinese));
            var expected = ExpectedDescriber.Describe(error.Expected, error.Context);
            expected = WithSuggestion(expected, found, error.Expected);

            if (error.Missing)
            {
                // Point at the end of the previous token: that is where the missing piece belongs.
                var at = PreviousTokenEnd(text, start);
                expected = WithOpenBlock(expected, error, text, offset);
                diagnostics.Report(DiagnosticDescriptors.MissingToken, new Location(text, new TextSpan(at, 0)), expected, foundText);
            }
            else
            {
                if (found.Kind == TokenKind.Rbrace || isEof) expected = WithOpenBlock(expected, error, text, offset);
                diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, new Location(text, TextSpan.FromBounds(start, end)), foundText, expected);
            }
        }
    }

    private static int PreviousTokenEnd(SourceText text, int position)
    {
        var i = Math.Min(position, text.Length) - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i])) i--;
        return i + 1;
    }

    /// <summary>For a missing '}', says which block is open and where it started.</summary>
    private static LocalizedText WithOpenBlock(LocalizedText expected, SyntaxError error, SourceText text, Func<int, int> offset)
    {
        if (!error.Expected.Contains(PolicyLexer.RBRACE)) return expected;
        for (var c = error.Context; c is not null; c = c.Parent)
        {
            if (c is not ParserRuleContext prc || prc.Start is null || prc.Start.StartIndex < 0) continue;
            string? en = null, zh = null;
            switch (c)
            {
                case PolicyParser.SectionContext:
                    en = $"the {prc.Start.Text} section";
                    zh = $"“{prc.Start.Text}”部分";
                    break;
                case PolicyParser.PolicyDeclContext:
                    en = "the policy header";
                    zh = "政策头部";
                    break;
                case PolicyParser.ScenarioDeclContext:
                    en = "the scenario";
                    zh = "情景";
                    break;
                case PolicyParser.TestDeclContext:
                    en = "the test";
                    zh = "测试";
                    break;
            }
            if (en is null) continue;
            var line = text.GetLinePosition(offset(prc.Start.StartIndex)).Line + 1;
            return new LocalizedText($"{expected.English} (to close {en} opened at line {line})", $"{expected.Chinese}（以结束第 {line} 行开始的{zh}）");
        }
        return expected;
    }

    /// <summary>Adds "did you mean 'policy'?" when a name is one typo away from an expected keyword.</summary>
    private static LocalizedText WithSuggestion(LocalizedText expected, SyntaxToken found, IntervalSet expectedSet)
    {
        if (found.Kind != TokenKind.Id) return expected;
        var spellings = new List<string>();
        foreach (var type in expectedSet.ToArray())
        {
            var info = SyntaxFacts.GetKeyword(TokenKinds.FromAntlr(type));
            if (info is not null) spellings.AddRange(info.English);
        }
        var suggestion = Runtime.Spelling.Suggest(found.Text, spellings);
        return suggestion is null ? expected : new LocalizedText($"{expected.English}; did you mean '{suggestion}'?", $"{expected.Chinese}；是否应为“{suggestion}”？");
    }
}
