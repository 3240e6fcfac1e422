using PolicyLang.Syntax;

namespace PolicyLang.Syntax.Parsing.Generated;

internal partial class PolicyLexer
{
    private static HashSet<string>? s_chinese;
    private static int s_longest;

    /// <summary>
    /// Lexer predicate of ID: false for a word that begins with a Chinese keyword and continues with a digit or
    /// with another Chinese keyword, so that 不少于80% lexes as 不少于 80%, 上限100元 as 上限 100 元, and
    /// 120元每生每月 as 120 元 每生每月. A word such as 元旦 or 学生数 stays one name.
    /// </summary>
    private static bool StartsWithChineseKeywordThenNumberOrKeyword(string text)
    {
        if (text.Length < 2 || text[0] < 0x2E80) return false;
        var spellings = Spellings();
        for (var length = Math.Min(s_longest, text.Length - 1); length >= 1; length--)
        {
            if (!spellings.Contains(text.Substring(0, length))) continue;
            var next = text[length];
            if (next is >= '0' and <= '9') return true;
            for (var k = Math.Min(s_longest, text.Length - length); k >= 1; k--)
                if (spellings.Contains(text.Substring(length, k)))
                    return true;
        }
        return false;
    }

    private static HashSet<string> Spellings()
    {
        if (s_chinese is { } cached) return cached;
        var set = new HashSet<string>(SyntaxFacts.ChineseSpellings.Select(s => s.Spelling).Where(s => s.Length > 0 && s[0] >= 0x2E80), StringComparer.Ordinal);
        s_longest = set.Max(s => s.Length);
        return s_chinese = set;
    }
}
