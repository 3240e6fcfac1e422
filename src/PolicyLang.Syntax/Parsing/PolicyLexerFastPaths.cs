using Antlr4.Runtime;
using PolicyLang.Syntax.Parsing;

namespace PolicyLang.Syntax.Parsing.Generated;

/// <summary>
/// Fast paths of the lexer: the same tokens as the ANTLR rules, found by hand where ANTLR is slow.
/// <para>
/// ANTLR's lexer caches its DFA only for characters 0–127, so every Chinese character of a text, a comment or a
/// name goes through full ATN simulation; and ID's predicate (a Chinese keyword glued to a number or to another
/// keyword is not one name) keeps every name and keyword out of the DFA altogether. So whitespace, texts, comments,
/// names and keywords, and non-ASCII punctuation are scanned here, with the character sets and the spellings of
/// keywords and punctuation read from the lexer's ATN (<see cref="LexerTables"/>); everything else (numbers,
/// dates, times, ASCII punctuation) is left to ANTLR, whose DFA handles it well. The grammar stays the definition:
/// <c>FastPaths = false</c> lexes with ANTLR alone, and a test compares the two token by token.
/// </para>
/// </summary>
internal partial class PolicyLexer
{
    private Tuple<ITokenSource, ICharStream>? _fastSource;

    /// <summary>Whether the fast paths are used (they need a <see cref="PolicyCharStream"/>); tests turn them off to compare.</summary>
    public bool FastPaths { get; set; } = true;

    public override IToken NextToken()
    {
        while (true)
        {
            if (!FastPaths || HitEOF || CurrentMode != DEFAULT_MODE || LexerTables.Instance is not { } tables || InputStream is not PolicyCharStream input)
                return base.NextToken();
            var start = input.Index;
            var size = input.Size;
            if (start >= size) return base.NextToken();

            var c = input.CodePointAt(start);
            int end, type, channel = DefaultTokenChannel;
            if (tables.Whitespace.Contains(c))
            {
                // WS is skipped (-> skip): no token, as in ANTLR.
                end = start + 1;
                while (end < size && tables.Whitespace.Contains(input.CodePointAt(end))) end++;
                Advance(input, start, end);
                continue;
            }
            if (c == '"')
            {
                type = ScanString(input, start, out end);
            }
            else if (c == '/' && start + 1 < size && input.CodePointAt(start + 1) == '/')
            {
                end = ScanLineComment(input, start);
                type = LINE_COMMENT;
                channel = COMMENTS;
            }
            else if (c == '/' && start + 1 < size && input.CodePointAt(start + 1) == '*')
            {
                type = ScanBlockComment(input, start, out end);
                if (type == BLOCK_COMMENT) channel = COMMENTS;
            }
            else if (tables.IdStart.Contains(c))
            {
                type = ScanName(input, tables, start, out end);
            }
            else if (c >= 128)
            {
                type = ScanSpelling(input, tables, start, out end);
            }
            else
            {
                return base.NextToken();
            }
            return EmitFast(input, type, channel, start, end);
        }
    }

    private IToken EmitFast(PolicyCharStream input, int type, int channel, int start, int end)
    {
        _fastSource ??= Tuple.Create<ITokenSource, ICharStream>(this, input);
        var token = TokenFactory.Create(_fastSource, type, null, channel, start, end - 1, Line, Column);
        Advance(input, start, end);
        if (end >= input.Size) HitEOF = true;
        Emit(token);
        return token;
    }

    /// <summary>Moves past the characters from <paramref name="start"/> to <paramref name="end"/>, counting lines and columns as ANTLR does.</summary>
    private void Advance(PolicyCharStream input, int start, int end)
    {
        var line = Line;
        var column = Column;
        // A line per '\n', a column per code point.
        var text = input.Text;
        if (input.IsIdentity)
        {
            var lastNewline = text.LastIndexOf('\n', end - 1, end - start);
            if (lastNewline < 0)
            {
                column += end - start;
            }
            else
            {
                for (var i = start; i <= lastNewline; i++)
                    if (text[i] == '\n')
                        line++;
                column = end - lastNewline - 1;
            }
        }
        else
        {
            for (var i = start; i < end; i++)
            {
                if (input.CodePointAt(i) == '\n')
                {
                    line++;
                    column = 0;
                }
                else
                {
                    column++;
                }
            }
        }
        Line = line;
        Column = column;
        input.Seek(end);
    }

    /// <summary>STRING: '"' (ESCAPE | ~["\\\r\n])* '"'; UNTERMINATED_STRING: the same without the closing quote.</summary>
    private static int ScanString(PolicyCharStream input, int start, out int end)
    {
        var size = input.Size;
        var i = start + 1;
        var text = input.Text;
        while (true)
        {
            if (input.IsIdentity)
            {
                // Jump to the next character that matters.
                var next = text.IndexOfAny(s_stringStops, i);
                i = next < 0 ? size : next;
            }
            if (i >= size)
            {
                end = i;
                return UNTERMINATED_STRING;
            }
            var c = input.CodePointAt(i);
            if (c == '"')
            {
                end = i + 1;
                return STRING;
            }
            if (c == '\\')
            {
                if (i + 1 >= size)
                {
                    end = i; // ESCAPE needs a character after the backslash
                    return UNTERMINATED_STRING;
                }
                i += 2;
                continue;
            }
            if (c is '\r' or '\n')
            {
                end = i;
                return UNTERMINATED_STRING;
            }
            i++;
        }
    }

    private static readonly char[] s_stringStops = { '"', '\\', '\r', '\n' };
    private static readonly char[] s_lineEnds = { '\r', '\n' };

    /// <summary>LINE_COMMENT: '//' ~[\r\n]*.</summary>
    private static int ScanLineComment(PolicyCharStream input, int start)
    {
        if (input.IsIdentity)
        {
            var stop = input.Text.IndexOfAny(s_lineEnds, start + 2);
            return stop < 0 ? input.Size : stop;
        }
        var i = start + 2;
        while (i < input.Size && input.CodePointAt(i) is not ('\r' or '\n')) i++;
        return i;
    }

    /// <summary>BLOCK_COMMENT: '/*' .*? '*/'; without a closing '*/', UNTERMINATED_COMMENT to the end of the text.</summary>
    private static int ScanBlockComment(PolicyCharStream input, int start, out int end)
    {
        if (input.IsIdentity)
        {
            var close = input.Text.IndexOf("*/", start + 2, StringComparison.Ordinal);
            end = close < 0 ? input.Size : close + 2;
            return close < 0 ? UNTERMINATED_COMMENT : BLOCK_COMMENT;
        }
        for (var i = start + 2; i + 1 < input.Size; i++)
        {
            if (input.CodePointAt(i) == '*' && input.CodePointAt(i + 1) == '/')
            {
                end = i + 2;
                return BLOCK_COMMENT;
            }
        }
        end = input.Size;
        return UNTERMINATED_COMMENT;
    }

    /// <summary>
    /// A name or a keyword, as ID (with its predicate <see cref="IsWholeName"/>) and the fixed spellings (keywords,
    /// units, Chinese rate words, which all continue like names) decide it in ANTLR: the whole run of name
    /// characters, a keyword when it is spelt exactly so (the earlier rule wins the tie with ID), else a name;
    /// when the run is Chinese keywords written together, the longest keyword at its start.
    /// </summary>
    private static int ScanName(PolicyCharStream input, LexerTables tables, int start, out int end)
    {
        var size = input.Size;
        var text = input.Text;
        var from = input.Offset(start);
        var spellings = tables.Spellings;

        var runEnd = start + 1;
        while (runEnd < size && tables.IdPart.Contains(input.CodePointAt(runEnd))) runEnd++;
        var to = input.Offset(runEnd);
        int type, rule;
        if (!SplitsIntoKeywords(text, from, to))
        {
            end = runEnd;
            var length = to - from;
            return length <= spellings.MaxLength && spellings.TryGet(text, from, length, out type, out rule) && rule < tables.IdRule
                ? type
                : ID;
        }
        // Spellings that start like a name continue like one (LexerTables checks), so the longest lies within the run.
        var prefix = spellings.LongestPrefix(text, from, to);
        spellings.TryGet(text, from, prefix, out type, out rule);
        end = start;
        while (input.Offset(end) < from + prefix) end++;
        return type;
    }

    /// <summary>A non-ASCII character that starts no name and no whitespace: punctuation (，、（§¥…) or BAD_CHAR.</summary>
    private static int ScanSpelling(PolicyCharStream input, LexerTables tables, int start, out int end)
    {
        var spellings = tables.Spellings;
        var text = input.Text;
        var from = input.Offset(start);
        var longest = spellings.LongestStartingWith(text[from]);
        for (var e = Math.Min(input.Size, start + longest); e > start; e--)
        {
            var length = input.Offset(e) - from;
            if (length > longest) continue;
            if (spellings.TryGet(text, from, length, out var type, out _))
            {
                end = e;
                return type;
            }
        }
        end = start + 1;
        return BAD_CHAR;
    }
}
