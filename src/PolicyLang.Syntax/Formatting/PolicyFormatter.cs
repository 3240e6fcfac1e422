using System.Text;
using PolicyLang.Text;

namespace PolicyLang.Syntax.Formatting;

/// <summary>
/// Prints a syntax tree in canonical form: two-space indents, one item a line, lead words and citations
/// aligned within a block, single spaces between words, one blank line between declarations, comments kept
/// where they were (a comment inside a line moves to its end). Keywords keep the language they were written in.
/// </summary>
public static class PolicyFormatter
{
    /// <summary>
    /// The canonical text of a tree. Semicolons are left out, unless leaving them out would make the text parse
    /// differently (<c>days mon..fri; at least 2 h per day</c> is two window lines, without the semicolon one):
    /// then every semicolon the text has is kept. Never throws, also not for a tree with syntax errors.
    /// </summary>
    public static string Format(SyntaxTree tree)
    {
        var formatted = new Printer(tree, keepSemicolons: false).Print();
        if (tree.HasErrors || !tree.Tokens.Any(t => t.Kind == TokenKind.Semi)) return formatted;
        var reparsed = SyntaxTree.Parse(formatted, tree.Text.Path);
        if (!reparsed.HasErrors && SameContent(tree, reparsed, out _)) return formatted;
        return new Printer(tree, keepSemicolons: true).Print();
    }

    /// <summary>
    /// True when two trees have the same tokens (ignoring semicolons, trailing commas, spacing inside multi-word
    /// keywords and the spelling of punctuation) in the same tree (the same nodes, holding the same tokens), and
    /// the same comments in the same order, with the same text (a line comment's trailing spaces and the kind of
    /// line breaks inside a block comment aside): formatting changed only layout.
    /// </summary>
    public static bool SameContent(SyntaxTree a, SyntaxTree b, out string? difference)
    {
        difference = null;
        if (!SameShape(a, b, out difference)) return false;
        var ta = Significant(a).ToList();
        var tb = Significant(b).ToList();
        for (var i = 0; i < Math.Max(ta.Count, tb.Count); i++)
        {
            var x = i < ta.Count ? ta[i] : null;
            var y = i < tb.Count ? tb[i] : null;
            if (x is null || y is null || x.Value.Kind != y.Value.Kind || x.Value.Text != y.Value.Text)
            {
                difference = $"token {i}: '{x?.Text}' became '{y?.Text}'";
                return false;
            }
        }
        var ca = a.Comments.Select(CommentText).ToList();
        var cb = b.Comments.Select(CommentText).ToList();
        if (!ca.SequenceEqual(cb))
        {
            difference = "comments differ";
            return false;
        }
        return true;
    }

    /// <summary>Whether two trees have the same nodes in the same places, with the same number of tokens in each.</summary>
    private static bool SameShape(SyntaxTree a, SyntaxTree b, out string? difference)
    {
        difference = null;
        using var x = Shape(a.Root).GetEnumerator();
        using var y = Shape(b.Root).GetEnumerator();
        var tokens = 0;
        while (true)
        {
            var more = x.MoveNext();
            var moreB = y.MoveNext();
            if (more != moreB || more && !x.Current.Equals(y.Current))
            {
                difference = $"the tree differs after token {tokens}: {Describe(more ? x.Current : default)} became {Describe(moreB ? y.Current : default)}";
                return false;
            }
            if (!more) return true;
            if (x.Current.Kind == ShapeKind.Token) tokens++;
        }
    }

    private enum ShapeKind
    {
        End,
        Open,
        Close,
        Token,
    }

    private readonly struct ShapeEvent : IEquatable<ShapeEvent>
    {
        public ShapeEvent(ShapeKind kind, Type? node = null, int form = 0)
        {
            Kind = kind;
            Node = node;
            Form = form;
        }

        public ShapeKind Kind { get; }
        public Type? Node { get; }
        public int Form { get; }

        public bool Equals(ShapeEvent other) => Kind == other.Kind && Node == other.Node && Form == other.Form;

        public override bool Equals(object? obj) => obj is ShapeEvent other && Equals(other);

        public override int GetHashCode() => ((int)Kind * 397) ^ (Node?.GetHashCode() ?? 0) ^ Form;
    }

    private static string Describe(ShapeEvent e) => e.Kind switch
    {
        ShapeKind.Open => "the start of " + e.Node!.Name,
        ShapeKind.Close => "an end of a node",
        ShapeKind.Token => "a token",
        _ => "the end of the tree",
    };

    /// <summary>The tree in pre-order, without recursion: node starts and ends, and tokens other than ';' and ','.</summary>
    private static IEnumerable<ShapeEvent> Shape(SyntaxNode root)
    {
        yield return Open(root);
        var stack = new Stack<IEnumerator<object?>>();
        stack.Push(root.Children.GetEnumerator());
        while (stack.Count > 0)
        {
            var e = stack.Peek();
            if (!e.MoveNext())
            {
                stack.Pop().Dispose();
                yield return new ShapeEvent(ShapeKind.Close);
                continue;
            }
            switch (e.Current)
            {
                case SyntaxToken t when t.Kind is not (TokenKind.Semi or TokenKind.Comma):
                    yield return new ShapeEvent(ShapeKind.Token);
                    break;
                case SyntaxNode n:
                    yield return Open(n);
                    stack.Push(n.Children.GetEnumerator());
                    break;
            }
        }

        static ShapeEvent Open(SyntaxNode n) => new(ShapeKind.Open, n.GetType(), n is SectionItemSyntax item ? (int)item.Form + 1 : 0);
    }

    /// <summary>
    /// A comment as the formatter prints it: a line comment without trailing spaces; a block comment exactly as
    /// written (never re-indented: its inside is the author's), only with its line breaks made '\n'.
    /// </summary>
    private static string CommentText(SyntaxComment comment) =>
        comment.IsBlock ? comment.Text.Replace("\r\n", "\n").Replace('\r', '\n') : comment.Text.TrimEnd();

    /// <summary>
    /// Tokens that carry meaning: no semicolons, no trailing comma before a closing bracket; a severity before a
    /// citation (<c>warning § "三"</c>) comes after it, where the formatter puts it.
    /// </summary>
    private static IEnumerable<(TokenKind Kind, string Text)?> Significant(SyntaxTree tree)
    {
        var tokens = tree.Tokens;
        (TokenKind, string) Of(SyntaxToken t) => (t.Kind, SyntaxFacts.PunctuationText(t.Kind) is { } p ? p : t.NormalizedText);
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (t.Kind == TokenKind.Semi) continue;
            if (t.Kind == TokenKind.Comma && i + 1 < tokens.Length && tokens[i + 1].Kind is TokenKind.Rbrace or TokenKind.Rbrack or TokenKind.Rparen) continue;
            if (t.Kind is TokenKind.Warning or TokenKind.Error && (i == 0 || tokens[i - 1].Kind != TokenKind.Dot)
                && i + 2 < tokens.Length && tokens[i + 1].Kind == TokenKind.Cite && tokens[i + 2].Kind == TokenKind.String)
            {
                yield return Of(tokens[i + 1]);
                yield return Of(tokens[i + 2]);
                yield return Of(t);
                i += 2;
                continue;
            }
            yield return Of(t);
        }
    }

    /// <summary>Columns a text takes in a monospaced editor: East Asian wide characters take two.</summary>
    public static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c)) continue;
            width += IsWide(c) ? 2 : 1;
        }
        return width;
    }

    private static bool IsWide(char c) =>
        c >= 0x1100 && (c <= 0x115F || c >= 0x2E80 && c <= 0xA4CF || c >= 0xAC00 && c <= 0xD7A3 || c >= 0xF900 && c <= 0xFAFF
                        || c >= 0xFE30 && c <= 0xFE4F || c >= 0xFF00 && c <= 0xFF60 || c >= 0xFFE0 && c <= 0xFFE6 || char.IsHighSurrogate(c));

    private sealed class Printer
    {
        private const string Indent = "  ";
        private const int MaxAlignedWidth = 72;
        private readonly SyntaxTree _tree;
        private readonly SourceText _text;
        private readonly List<SyntaxComment> _comments;
        private readonly StringBuilder _out = new();
        private readonly bool _keepSemicolons;
        private int _next;

        public Printer(SyntaxTree tree, bool keepSemicolons)
        {
            _keepSemicolons = keepSemicolons;
            _tree = tree;
            _text = tree.Text;
            _comments = tree.Comments.OrderBy(c => c.Span.Start).ToList();
        }

        private int LineOf(int position) => _text.GetLineIndex(position);

        public string Print()
        {
            SyntaxNode? previous = null;
            var previousOnOneLine = false;
            foreach (var member in _tree.Root.Members)
            {
                var start = member.Span.Start;
                if (previous is not null && NeedsBlankLine(previous, previousOnOneLine, member)) _out.Append('\n');
                LeadingComments(start, string.Empty, previous is null);
                var printedFrom = _out.Length;
                PrintMember(member);
                previousOnOneLine = IsOneLine(printedFrom);
                previous = member;
            }
            // Comments after the last declaration.
            if (_next < _comments.Count)
            {
                if (_out.Length > 0 && HadBlankLineBefore(_comments[_next].Span.Start)) _out.Append('\n');
                LeadingComments(int.MaxValue, string.Empty, _out.Length == 0);
            }
            var result = _out.ToString();
            return result.Length == 0 ? string.Empty : result.TrimEnd('\n') + "\n";
        }

        /// <summary>
        /// A blank line between declarations, except between one-line parameters (or measures) that had none.
        /// Whether the previous one takes one line is decided by how it was printed, not how it was written, so
        /// that the second format decides the same (a parameter with dated values always takes several lines).
        /// </summary>
        private bool NeedsBlankLine(SyntaxNode previous, bool previousOnOneLine, MemberSyntax member)
        {
            var sameKind = previous.GetType() == member.GetType() && member is ParameterDeclarationSyntax or MeasureDeclarationSyntax;
            if (!sameKind) return true;
            return !previousOnOneLine || HadBlankLineBefore(FirstCommentOrNode(member.Span.Start));
        }

        /// <summary>Whether the output from a position on is a single line.</summary>
        private bool IsOneLine(int from)
        {
            var printed = _out.ToString(from, _out.Length - from);
            var first = printed.IndexOf('\n');
            return first < 0 || printed.IndexOf('\n', first + 1) < 0;
        }

        private int FirstCommentOrNode(int nodeStart)
        {
            if (_next < _comments.Count && _comments[_next].Span.Start < nodeStart) return _comments[_next].Span.Start;
            return nodeStart;
        }

        /// <summary>
        /// Whether the source has an empty line just before this position: whether the white space before it
        /// (back to the previous token or comment) holds two line breaks. Only the gap counts, not the line
        /// before, which may be the inside of a block comment or of a declaration whose comment moved.
        /// </summary>
        private bool HadBlankLineBefore(int position)
        {
            var content = _text.Content;
            var breaks = 0;
            for (var i = Math.Min(position, content.Length) - 1; i >= 0 && IsWhiteSpace(content[i]); i--)
            {
                if (content[i] == '\n' || content[i] == '\r' && (i + 1 >= content.Length || content[i + 1] != '\n')) breaks++;
                if (breaks == 2) return true;
            }
            return false;
        }

        /// <summary>The lexer's white space.</summary>
        private static bool IsWhiteSpace(char c) =>
            c is ' ' or '\t' or '\r' or '\n' or '\f' or '\v' or '\u00A0' or '\u3000' or '\uFEFF' or '\u2028' or '\u2029';

        /// <summary>Comments before a position, each on its own line, keeping single blank lines between groups.</summary>
        private void LeadingComments(int before, string indent, bool atStart)
        {
            var first = true;
            while (_next < _comments.Count && _comments[_next].Span.Start < before)
            {
                var comment = _comments[_next++];
                if ((!first || !atStart) && !first && HadBlankLineBefore(comment.Span.Start)) _out.Append('\n');
                _out.Append(indent).Append(CommentText(comment)).Append('\n');
                first = false;
            }
            if (!first && before != int.MaxValue && HadBlankLineBefore(before) && _out.Length > 0)
                _out.Append('\n');
        }

        /// <summary>
        /// Comments that sit inside a node, or after it on its last line: they go to the end of the printed line.
        /// Nothing can follow a line comment on its line, and what followed a block comment over several lines
        /// would be on another line the next time: those end the printed line, and the comments after them are
        /// printed on lines of their own (by <see cref="LeadingComments"/>).
        /// </summary>
        private string TrailingComments(SyntaxNode node)
        {
            var end = node.Span.End;
            var endLine = LineOf(Math.Max(node.Span.Start, end - 1));
            var sb = new StringBuilder();
            while (_next < _comments.Count)
            {
                var c = _comments[_next];
                var inside = c.Span.Start < end;
                var sameLine = c.Span.Start >= end && LineOf(c.Span.Start) == endLine;
                if (!inside && !sameLine) break;
                sb.Append("  ").Append(CommentText(c));
                _next++;
                if (EndsLine(c)) break;
            }
            return sb.ToString();
        }

        /// <summary>A line comment, or a block comment over several lines: nothing may follow it on the printed line.</summary>
        private static bool EndsLine(SyntaxComment comment) => !comment.IsBlock || comment.Text.IndexOfAny(LineBreaks) >= 0;

        private static readonly char[] LineBreaks = { '\n', '\r' };

        // ------------------------------------------------------------------ members

        private void PrintMember(MemberSyntax member)
        {
            switch (member)
            {
                case PolicyDeclarationSyntax policy:
                    _out.Append(T(policy.Keyword)).Append(' ').Append(T(policy.Name)).Append(" {");
                    _out.Append(TrailingCommentsUntil(policy.OpenBrace.Span.End)).Append('\n');
                    PrintBlock(policy.Items.Select(i => new Line(i, T(i.Keyword), HeaderRest(i), null, null)).ToList(), policy.CloseBrace, align: true);
                    _out.Append('}').Append(TrailingComments(policy)).Append('\n');
                    break;
                case ParameterDeclarationSyntax p:
                {
                    var head = $"{T(p.Keyword)} {T(p.Name)}: {Type(p.Type)} = {Expr(p.Value)}";
                    if (p.DatedValues.IsEmpty)
                    {
                        _out.Append(head).Append(Cite(p.Citation, " ")).Append(Semicolon(p)).Append(TrailingComments(p)).Append('\n');
                    }
                    else
                    {
                        _out.Append(head).Append('\n');
                        for (var i = 0; i < p.DatedValues.Length; i++)
                        {
                            var d = p.DatedValues[i];
                            _out.Append(Indent).Append($"{T(d.FromKeyword)} {T(d.Date)}: {Expr(d.Value)}");
                            if (i == p.DatedValues.Length - 1) _out.Append(Cite(p.Citation, " ")).Append(Semicolon(p)).Append(TrailingComments(p));
                            _out.Append('\n');
                        }
                    }
                    break;
                }
                case MeasureDeclarationSyntax m:
                    _out.Append(T(m.Keyword)).Append(' ').Append(T(m.Name));
                    if (m.Type is not null) _out.Append(": ").Append(Type(m.Type));
                    _out.Append(" = ").Append(Expr(m.Value)).Append(Cite(m.Citation, " ")).Append(Semicolon(m)).Append(TrailingComments(m)).Append('\n');
                    break;
                case SectionSyntax section:
                    _out.Append(T(section.Keyword)).Append(" {").Append(TrailingCommentsUntil(section.OpenBrace.Span.End)).Append('\n');
                    PrintBlock(section.Items.Select(SectionLine).ToList(), section.CloseBrace, align: true);
                    _out.Append('}').Append(TrailingComments(section)).Append('\n');
                    break;
                case RuleDeclarationSyntax rule:
                {
                    var sb = new StringBuilder();
                    sb.Append(T(rule.Keyword)).Append(' ').Append(T(rule.Name));
                    foreach (var d in rule.Descriptions) sb.Append(' ').Append(T(d));
                    sb.Append(Cite(rule.Citation, " "));
                    if (rule.Severity is not null) sb.Append(' ').Append(T(rule.Severity));
                    _out.Append(sb).Append(TrailingCommentsUntil(rule.Severity?.Span.End ?? rule.Citation?.Span.End ?? rule.Descriptions.LastOrDefault()?.Span.End ?? rule.Name.Span.End)).Append('\n');
                    if (rule.WhenKeyword is not null)
                    {
                        LeadingComments(rule.WhenKeyword.Span.Start, Indent, false);
                        _out.Append(Indent).Append(T(rule.WhenKeyword)).Append(' ').Append(Expr(rule.Condition)).Append(TrailingCommentsUntil(rule.Condition?.Span.End ?? rule.WhenKeyword.Span.End)).Append('\n');
                    }
                    LeadingComments(rule.ModeKeyword.Span.Start, Indent, false);
                    _out.Append(Indent).Append(T(rule.ModeKeyword)).Append(' ').Append(Expr(rule.Body)).Append(Semicolon(rule)).Append(TrailingComments(rule)).Append('\n');
                    break;
                }
                case ScenarioDeclarationSyntax scenario:
                    _out.Append(T(scenario.Keyword)).Append(' ').Append(T(scenario.Name));
                    if (scenario.Label is not null) _out.Append(' ').Append(T(scenario.Label));
                    _out.Append(" {").Append(TrailingCommentsUntil(scenario.OpenBrace.Span.End)).Append('\n');
                    PrintBlock(scenario.Items.Select(ScenarioLine).ToList(), scenario.CloseBrace, align: false);
                    _out.Append('}').Append(TrailingComments(scenario)).Append('\n');
                    break;
                case TestDeclarationSyntax test:
                    _out.Append(T(test.Keyword)).Append(' ').Append(T(test.Name)).Append(" {").Append(TrailingCommentsUntil(test.OpenBrace.Span.End)).Append('\n');
                    PrintBlock(test.Items.Select(TestLine).ToList(), test.CloseBrace, align: false);
                    _out.Append('}').Append(TrailingComments(test)).Append('\n');
                    break;
            }
        }

        private string TrailingCommentsUntil(int end)
        {
            var line = LineOf(Math.Max(0, end - 1));
            var nextToken = NextTokenStart(end);
            var sb = new StringBuilder();
            while (_next < _comments.Count && _comments[_next].Span.Start >= end && _comments[_next].Span.Start < nextToken && LineOf(_comments[_next].Span.Start) == line)
            {
                var c = _comments[_next++];
                sb.Append("  ").Append(CommentText(c));
                if (EndsLine(c)) break;
            }
            return sb.ToString();
        }

        /// <summary>The start of the first token at or after a position (binary search).</summary>
        private int NextTokenStart(int position)
        {
            var tokens = _tree.Tokens;
            int lo = 0, hi = tokens.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (tokens[mid].Span.Start < position) lo = mid + 1;
                else hi = mid;
            }
            return lo < tokens.Length ? tokens[lo].Span.Start : int.MaxValue;
        }

        /// <summary>One printed line of a block: lead word(s), the rest, and an optional citation and severity.</summary>
        private sealed class Line
        {
            public Line(SyntaxNode node, string lead, string rest, CitationSyntax? citation, string? severity)
            {
                Node = node;
                Lead = lead;
                Rest = rest;
                Citation = citation;
                Severity = severity;
            }

            public SyntaxNode Node { get; }
            public string Lead { get; }
            public string Rest { get; }
            public CitationSyntax? Citation { get; }
            public string? Severity { get; }
        }

        private void PrintBlock(List<Line> lines, SyntaxToken close, bool align)
        {
            var leadWidth = align && lines.Count > 0 ? lines.Where(l => l.Rest.Length > 0).Select(l => DisplayWidth(l.Lead)).DefaultIfEmpty(0).Max() : 0;
            string Main(Line l)
            {
                if (l.Rest.Length == 0) return l.Lead;
                if (l.Lead.Length == 0) return l.Rest;
                return l.Lead + new string(' ', Math.Max(1, leadWidth - DisplayWidth(l.Lead) + 1)) + l.Rest;
            }
            var mains = lines.Select(Main).ToList();
            var citeColumn = mains.Where((m, i) => lines[i].Citation is not null && DisplayWidth(m) <= MaxAlignedWidth).Select(DisplayWidth).DefaultIfEmpty(0).Max() + 2;

            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                LeadingComments(line.Node.Span.Start, Indent, i == 0);
                var sb = new StringBuilder(Indent).Append(mains[i]);
                if (line.Citation is not null)
                {
                    var width = DisplayWidth(mains[i]);
                    sb.Append(align && width <= MaxAlignedWidth ? new string(' ', Math.Max(1, citeColumn - width)) : " ");
                    sb.Append(Cite(line.Citation, string.Empty));
                }
                if (line.Severity is not null) sb.Append(' ').Append(line.Severity);
                sb.Append(Semicolon(line.Node));
                _out.Append(sb).Append(TrailingComments(line.Node)).Append('\n');
            }
            // Comments before the closing brace.
            if (!close.IsMissing) LeadingComments(close.Span.Start, Indent, lines.Count == 0);
        }

        private string HeaderRest(HeaderItemSyntax item) => item.ItemKind switch
        {
            HeaderItemKind.Applies => Expr(item.Expression),
            HeaderItemKind.Effective => T(item.Value) + (item.UntilKeyword is null ? string.Empty : $" {T(item.UntilKeyword)} {T(item.UntilDate)}"),
            _ => T(item.Value),
        };

        private Line SectionLine(SectionItemSyntax item)
        {
            string lead;
            var rest = new StringBuilder();
            void Add(string s)
            {
                if (s.Length == 0) return;
                if (rest.Length > 0) rest.Append(' ');
                rest.Append(s);
            }
            switch (item.Form)
            {
                case SectionItemForm.Named:
                    lead = T(item.Name);
                    if (item.Comparator is not null) Add(Words(item.Comparator));
                    Add(Expr(item.Value));
                    break;
                case SectionItemForm.Amount:
                    lead = item.Label is null ? string.Empty : T(item.Label) + ":";
                    Add(Expr(item.Value));
                    break;
                case SectionItemForm.Duration:
                    lead = Words(item.Comparator);
                    Add(Expr(item.Value));
                    break;
                default:
                    lead = item.Keyword is null ? string.Empty : T(item.Keyword);
                    if (item.Label is not null) Add(T(item.Label) + ":");
                    if (item.Form == SectionItemForm.Segment) Add(T(item.Name));
                    if (item.Comparator is not null) Add(Words(item.Comparator));
                    if (!item.Names.IsEmpty) Add(string.Join(", ", item.Names.Select(T)));
                    if (item.NoneKeyword is not null) Add(T(item.NoneKeyword));
                    if (item.WithinKeyword is not null) Add(T(item.WithinKeyword));
                    if (item.Value is not null) Add(Expr(item.Value));
                    if (item.AfterKeyword is not null) Add(T(item.AfterKeyword) + " " + Expr(item.Anchor));
                    if (item.PartialKeyword is not null) Add(T(item.PartialKeyword) + " " + Expr(item.Partial));
                    break;
            }
            var tail = item.Tail;
            if (tail.ForKeyword is not null) Add(T(tail.ForKeyword) + " " + string.Join(", ", tail.ForNames.Select(T)));
            if (tail.WhenKeyword is not null) Add(T(tail.WhenKeyword) + " " + Expr(tail.Condition));
            if (!tail.ExceptionKeywords.IsEmpty) Add(string.Join(" ", tail.ExceptionKeywords.Select(T)) + " " + T(tail.ExceptionTarget));
            return new Line(item, lead, rest.ToString(), tail.Citation, tail.Severity is null ? null : T(tail.Severity));
        }

        private Line ScenarioLine(ScenarioItemSyntax item) => item switch
        {
            SetItemSyntax s => new Line(s, T(s.Keyword), $"{QName(s.Target)} = {Expr(s.Value)}", null, null),
            AssumeItemSyntax a => new Line(a, T(a.Keyword), string.Join(" ", a.Words.Select(T)) + (a.Value is null ? string.Empty : " " + Expr(a.Value)), null, null),
            _ => new Line(item, string.Empty, item.ToString(), null, null),
        };

        private Line TestLine(TestItemSyntax item)
        {
            switch (item)
            {
                case GivenItemSyntax g:
                {
                    var rest = new StringBuilder(T(g.Word));
                    if (g.Source is not null && !g.Source.IsMissing) rest.Append(' ').Append(T(g.Source));
                    if (g.Inline is not null) rest.Append(' ').Append(Json(g.Inline, 1));
                    if (g.WithKeyword is not null) rest.Append(' ').Append(T(g.WithKeyword)).Append(' ').Append(Json(g.Overlay, 1));
                    return new Line(g, T(g.Keyword), rest.ToString(), null, null);
                }
                case ExpectItemSyntax e:
                    return new Line(e, T(e.Keyword), T(e.Word) + (e.Names.IsEmpty ? string.Empty : " " + string.Join(", ", e.Names.Select(QName))), null, null);
                default:
                    return new Line(item, string.Empty, item.ToString(), null, null);
            }
        }

        // ------------------------------------------------------------------ pieces

        /// <summary>';' if the node ends with one and semicolons are kept (see <see cref="Format"/>).</summary>
        private string Semicolon(SyntaxNode node)
        {
            if (!_keepSemicolons) return string.Empty;
            var semicolon = node switch
            {
                HeaderItemSyntax h => h.Semicolon,
                ParameterDeclarationSyntax p => p.Semicolon,
                MeasureDeclarationSyntax m => m.Semicolon,
                RuleDeclarationSyntax r => r.Semicolon,
                SectionItemSyntax s => s.Tail?.Semicolon,
                ScenarioItemSyntax s => s.Semicolon,
                TestItemSyntax t => t.Semicolon,
                _ => null,
            };
            return semicolon is { IsMissing: false } ? ";" : string.Empty;
        }

        private static string T(SyntaxToken? token) => token is null ? string.Empty : SyntaxFacts.PunctuationText(token.Kind) ?? token.NormalizedText;

        private static string QName(QualifiedNameSyntax? name) => name is null ? string.Empty : string.Join(".", name.Parts.Select(T));

        private static string Words(ComparatorSyntax? comparator) => comparator is null ? string.Empty : string.Join(" ", comparator.Tokens.Select(T));

        private static string Cite(CitationSyntax? citation, string prefix) =>
            citation is null ? string.Empty : prefix + T(citation.Keyword) + " " + T(citation.Clause);

        private static string Rate(RateSuffixSyntax? rate)
        {
            if (rate is null) return string.Empty;
            if (rate.Tokens.Length == 1 && rate.Tokens[0].Kind == TokenKind.RateSlash) return T(rate.Tokens[0]);
            return " " + string.Join(" ", rate.Tokens.Select(T));
        }

        private static string Type(TypeSyntax? type) => type switch
        {
            NamedTypeSyntax n => T(n.Name) + Rate(n.Rate),
            MoneyTypeSyntax m => T(m.Currency) + Rate(m.Rate),
            RatioTypeSyntax r => $"{T(r.Students)} {T(r.Per)} {T(r.Denominator)}",
            CollectionTypeSyntax c => string.Join(" ", c.Keywords.Select(T)) + " " + Type(c.Element),
            null => string.Empty,
            _ => type.ToString(),
        };

        /// <summary>An expression on one line. Error recovery may leave parts of a broken tree out: they print as nothing.</summary>
        private static string Expr(ExpressionSyntax? e)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            switch (e)
            {
                case null:
                case MissingExpressionSyntax:
                    return string.Empty;
                case LiteralExpressionSyntax l:
                    return T(l.Token);
                case QuantityExpressionSyntax q:
                {
                    if (q.Prefix is not null) return T(q.Prefix) + T(q.Number) + Rate(q.Rate);
                    var units = string.Join(" ", q.UnitTokens.Select(T));
                    return T(q.Number) + (units.Length > 0 ? " " + units : string.Empty) + Rate(q.Rate);
                }
                case NameExpressionSyntax n:
                    return T(n.Identifier);
                case MemberAccessExpressionSyntax m:
                    return Expr(m.Receiver) + "." + T(m.Name);
                case IndexExpressionSyntax i:
                    return Expr(i.Receiver) + "[" + Expr(i.Index) + "]";
                case CallExpressionSyntax c:
                    if (c.Comprehension is { } comp)
                    {
                        var where = comp.WhereKeyword is null ? string.Empty : $" {T(comp.WhereKeyword)} {Expr(comp.Filter)}";
                        return $"{T(c.Name)}({Expr(comp.Selector)} {T(comp.ForKeyword)} {T(comp.Variable)} {T(comp.InKeyword)} {Expr(comp.Source)}{where})";
                    }
                    return T(c.Name) + "(" + string.Join(", ", c.Arguments.Select(Expr)) + ")";
                case UnaryExpressionSyntax u:
                    return u.OperatorKind == UnaryOperatorKind.Negate ? "-" + Expr(u.Operand) : T(u.OperatorToken) + " " + Expr(u.Operand);
                case BinaryExpressionSyntax b:
                    return b.OperatorKind == BinaryOperatorKind.Range
                        ? Expr(b.Left) + ".." + Expr(b.Right)
                        : Expr(b.Left) + " " + T(b.OperatorToken) + " " + Expr(b.Right);
                case ComparisonExpressionSyntax c:
                    return Expr(c.Left) + " " + string.Join(" ", c.Comparator.Tokens.Select(T)) + " " + Expr(c.Right);
                case ParenthesizedExpressionSyntax p:
                    return "(" + Expr(p.Expression) + ")";
                case SetExpressionSyntax s:
                    return "{" + string.Join(", ", s.Elements.Select(Expr)) + "}";
                case QuantifierExpressionSyntax q:
                {
                    var sb = new StringBuilder($"{T(q.Keyword)} {T(q.Variable)} {T(q.InKeyword)} {Expr(q.Source)}");
                    if (q.WhereKeyword is not null) sb.Append(' ').Append(T(q.WhereKeyword)).Append(' ').Append(Expr(q.Filter));
                    if (q.SatisfyKeyword is not null) sb.Append(' ').Append(T(q.SatisfyKeyword)).Append(' ').Append(Expr(q.Predicate));
                    return sb.ToString();
                }
                case ConditionalExpressionSyntax c:
                    return $"{T(c.IfKeyword)} {Expr(c.Condition)} {T(c.ThenKeyword)} {Expr(c.WhenTrue)} {T(c.ElseKeyword)} {Expr(c.WhenFalse)}";
                case ConversionExpressionSyntax c:
                    return $"{Expr(c.Expression)} {T(c.AsKeyword)} {Type(c.Type)}";
                default:
                    return e.ToString();
            }
        }

        private static string Json(JsonValueSyntax? value, int depth)
        {
            var inline = JsonInline(value);
            if (inline.Length + depth * 2 <= 80 || value is not (JsonObjectSyntax or JsonArraySyntax)) return inline;
            var pad = string.Concat(Enumerable.Repeat(Indent, depth + 1));
            var close = string.Concat(Enumerable.Repeat(Indent, depth));
            switch (value)
            {
                case JsonObjectSyntax o:
                    if (o.Members.IsEmpty) return "{}";
                    return "{\n" + string.Join(",\n", o.Members.Select(m => pad + T(m.Key) + ": " + Json(m.Value, depth + 1))) + "\n" + close + "}";
                case JsonArraySyntax a:
                    if (a.Elements.IsEmpty) return "[]";
                    return "[\n" + string.Join(",\n", a.Elements.Select(e => pad + Json(e, depth + 1))) + "\n" + close + "]";
                default:
                    return inline;
            }
        }

        private static string JsonInline(JsonValueSyntax? value) => value switch
        {
            JsonObjectSyntax o => o.Members.IsEmpty ? "{}" : "{ " + string.Join(", ", o.Members.Select(m => T(m.Key) + ": " + JsonInline(m.Value))) + " }",
            JsonArraySyntax a => "[" + string.Join(", ", a.Elements.Select(JsonInline)) + "]",
            JsonLiteralSyntax l => (l.Minus is null ? string.Empty : "-") + T(l.Token),
            null => string.Empty,
            _ => value.ToString(),
        };
    }
}
