using Antlr4.Runtime;
using PolicyLang.Syntax.Parsing;

namespace PolicyLang.Syntax.Parsing.Generated;

internal partial class PolicyLexer
{
    /// <summary>
    /// Lexer predicate of ID, evaluated with the input just past the candidate text. A name is always the whole run
    /// of name characters (longest match), unless that run is Chinese keywords written together: see
    /// <see cref="SplitsIntoKeywords"/>. Then no name matches here and the longest keyword at the start wins.
    /// </summary>
    private bool IsWholeName()
    {
        var next = InputStream.LA(1);
        if (next != IntStreamConstants.EOF && LexerGrammar.IdPart.Contains(next)) return false; // not the whole run
        var text = Text;
        return !SplitsIntoKeywords(text, 0, text.Length);
    }

    /// <summary>
    /// Whether a run of name characters (UTF-16 offsets <paramref name="start"/> to <paramref name="end"/>) is
    /// Chinese keywords written without spaces rather than one name: it starts with a Chinese keyword (the longest
    /// one there) that is followed by a digit (不少于80%, 上限100元), or it is two or more Chinese keywords and
    /// nothing else, each the longest keyword at its place (政策规则, 收费上限, 元每生每月 in 120元每生每月),
    /// possibly ending with a keyword followed by a digit. Any other run is one name, even when it starts with
    /// keywords: 元旦, 学生数, 每日课时数, 当学校.
    /// </summary>
    internal static bool SplitsIntoKeywords(string text, int start, int end)
    {
        var spellings = LexerGrammar.ChineseSpellings;
        var at = start;
        while (true)
        {
            if (text[at] < LexerGrammar.FirstChinese) return false;
            var length = spellings.LongestPrefix(text, at, end);
            if (length == 0) return false;
            at += length;
            if (at == end) return at - length > start; // one keyword alone is that keyword, not a split
            if (text[at] is >= '0' and <= '9') return true;
        }
    }
}
