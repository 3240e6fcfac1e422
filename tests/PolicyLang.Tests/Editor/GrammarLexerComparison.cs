using System.Globalization;
using System.Text;
using System.Text.Json;
using PolicyLang.Syntax;

namespace PolicyLang.Tests.Editor;

/// <summary>A token of the VS Code extension's TextMate grammar (offsets are UTF-16 units within a line).</summary>
public sealed record TmToken(int Start, int End, string[] Scopes)
{
    public bool Has(string prefix) => Scopes.Any(s => s.StartsWith(prefix, StringComparison.Ordinal));
}

/// <summary>
/// Compares the TextMate grammar's tokens with the real lexer's: every keyword token of the lexer must
/// be one keyword-scoped piece of the grammar with the same bounds, every name must be a name (no keyword
/// scope), numbers numbers, texts texts and comments comments.
/// </summary>
public static class GrammarLexerComparison
{
    /// <summary>Scopes under which a lexer keyword is rightly not coloured as a keyword: a field after a dot,
    /// a built-in function called (min(…)), a key or value of an inline JSON plan.</summary>
    private static readonly string[] Exempt = { "variable.other.property", "support.function", "meta.plan.inline" };

    public sealed class Result
    {
        public List<string> Mismatches { get; } = new();
        /// <summary>Tokens skipped because the lexer cut a Chinese word into two names (see <see cref="IsCutName"/>).</summary>
        public List<string> CutNames { get; } = new();
        public int Checked { get; set; }
    }

    /// <summary>Parses the grammar tokens that scripts/tokenize.js --json prints, per file.</summary>
    public static List<List<List<TmToken>>> ParseTokenizerJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(file =>
            file.GetProperty("lines").EnumerateArray().Select(line =>
                line.EnumerateArray().Select(t => new TmToken(
                    t.GetProperty("start").GetInt32(),
                    t.GetProperty("end").GetInt32(),
                    t.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray())).ToList()).ToList()).ToList();
    }

    /// <summary>Compares one text. With <paramref name="perLine"/> each line is lexed on its own (a corpus of
    /// unrelated snippets); otherwise the whole text is one policy file.</summary>
    public static void Compare(string name, string text, IReadOnlyList<IReadOnlyList<TmToken>> tmLines, bool perLine, Result result)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        if (perLine)
        {
            for (var i = 0; i < lines.Length; i++)
                CompareTree(name, SyntaxTree.Parse(lines[i]), i, tmLines, result);
        }
        else
        {
            CompareTree(name, SyntaxTree.Parse(text), 0, tmLines, result);
        }
    }

    private static void CompareTree(string name, SyntaxTree tree, int lineOffset, IReadOnlyList<IReadOnlyList<TmToken>> tmLines, Result result)
    {
        var content = tree.Text.Content;
        var cut = new List<(int Start, int End)>();
        foreach (var token in tree.Tokens)
        {
            if (token.Kind == TokenKind.Id && !token.IsMissing && IsCutName(content, token.Span.Start, token.Span.End))
            {
                var end = token.Span.End;
                while (end < content.Length && IsIdPart(content, end)) end++;
                cut.Add((token.Span.Start, end));
            }
        }

        foreach (var token in tree.Tokens)
        {
            if (token.IsMissing || token.Span.Length == 0) continue;
            var kind = token.Kind;
            var check = SyntaxFacts.IsKeyword(kind) ? "keyword"
                : kind == TokenKind.Id ? "name"
                : kind is TokenKind.Number or TokenKind.Date or TokenKind.Time or TokenKind.PercentLit ? "number"
                : kind is TokenKind.String or TokenKind.UnterminatedString ? "text"
                : null;
            if (check is null) continue;
            var pos = tree.Text.GetLinePosition(token.Span.Start);
            var line = pos.Line + lineOffset;
            var start = pos.Character;
            var end = start + token.Span.Length;
            var where = $"{name}:{line + 1}:{start + 1} {kind} '{token.Text}'";
            if (cut.Any(c => token.Span.Start < c.End && c.Start < token.Span.End))
            {
                result.CutNames.Add(where);
                continue;
            }
            result.Checked++;
            if (line >= tmLines.Count)
            {
                result.Mismatches.Add($"{where}: the grammar has no line {line + 1}");
                continue;
            }
            var pieces = tmLines[line].Where(t => t.Start < end && start < t.End).ToList();
            var shown = string.Join(" | ", pieces.Select(p => $"{p.Start}-{p.End} {string.Join(' ', p.Scopes.Skip(1))}"));
            if (pieces.Count == 0)
            {
                result.Mismatches.Add($"{where}: no grammar token");
                continue;
            }
            if (check is "keyword" or "name" && (pieces[0].Start != start || pieces[^1].End != end))
            {
                result.Mismatches.Add($"{where}: the grammar's tokens do not start and end with it: {shown}");
                continue;
            }
            var ok = check switch
            {
                "keyword" => pieces.All(p => p.Has("keyword.") || p.Has("constant.language.") || Exempt.Any(p.Has)),
                "name" => pieces.All(p => !p.Has("keyword.") && !p.Has("constant.language.")),
                "number" => pieces.All(p => p.Has("constant.numeric.")),
                _ => pieces.All(p => p.Has("string.")),
            };
            if (!ok) result.Mismatches.Add($"{where}: expected a {check} scope, the grammar gives {shown}");
        }

        foreach (var comment in tree.Comments)
        {
            var pos = tree.Text.GetLinePosition(comment.Span.Start);
            var line = pos.Line + lineOffset;
            result.Checked++;
            var piece = line < tmLines.Count ? tmLines[line].FirstOrDefault(t => t.Start <= pos.Character && pos.Character < t.End) : null;
            if (piece is null || !piece.Has("comment."))
                result.Mismatches.Add($"{name}:{line + 1}:{pos.Character + 1} comment: the grammar gives {(piece is null ? "nothing" : string.Join(' ', piece.Scopes))}");
        }
    }

    /// <summary>
    /// A name token followed by more name characters: the lexer cut a Chinese word into two names. It reads
    /// names by longest match and never should; the test asserts that none is found (such tokens are
    /// reported, not compared).
    /// </summary>
    public static bool IsCutName(string text, int start, int end) =>
        end < text.Length && IsIdPart(text, end) && text[start] >= 0x2E80;

    private static bool IsIdPart(string text, int index)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(text, index);
        return char.IsLetter(text, index) || category is UnicodeCategory.LetterNumber or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;
    }

    /// <summary>Lines that put every keyword spelling of <see cref="SyntaxFacts"/> in the places where Chinese
    /// word boundaries matter: alone, glued to digits, to other keywords, inside longer names.</summary>
    public static string KeywordCorpus()
    {
        var spellings = SyntaxFacts.Keywords.SelectMany(k => k.English.Concat(k.Chinese)).Where(s => s.Length > 0).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
        var chinese = spellings.Where(s => s[0] >= 0x2E80 && s.All(char.IsLetter)).ToList();
        var english = spellings.Where(s => s[0] < 0x2E80 && s.All(c => char.IsLetter(c) || c == '_')).ToList();
        var sb = new StringBuilder();
        foreach (var s in spellings)
        {
            sb.Append(s).Append('\n');
            sb.Append("    ").Append(s).Append(" x\n");
            sb.Append("x = ").Append(s).Append(" 1\n");
        }
        foreach (var s in english)
        {
            foreach (var line in new[] { s + "2", "2" + s, s + "_x", "x" + s, s + "(1)", s + ".x", "a." + s, s + "；" + s, "如果" + s, s + "如果" })
                sb.Append(line).Append('\n');
        }
        foreach (var s in chinese)
        {
            foreach (var line in new[] { s + "80", s + "80%", s + "1.5", s + "17:30", "80" + s, s + "甲", "甲" + s, s + "甲乙", s + "x", "x" + s, s + "_1",
                         s + "(1)", s + ".x", "a." + s, s + "，" + s, s + "\"t\"" })
                sb.Append(line).Append('\n');
        }
        // Every pair of Chinese keywords written together, and with a digit or a name after them.
        foreach (var a in chinese)
        {
            foreach (var b in chinese)
                sb.Append(a).Append(b).Append(' ').Append(a).Append(b).Append("9 ").Append(a).Append(b).Append("甲\n");
        }
        return sb.ToString();
    }
}
