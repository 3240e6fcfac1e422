using PolicyLang.Syntax;

namespace PolicyLang.Syntax.Parsing.Generated;

internal partial class PolicyLexer
{
    /// <summary>
    /// Lexer predicate of ID: false for a word that begins with a Chinese keyword and continues with a digit or
    /// with another Chinese keyword, so that 不少于80% lexes as 不少于 80%, 上限100元 as 上限 100 元, and
    /// 120元每生每月 as 120 元 每生每月. A word such as 元旦 or 学生数 stays one name.
    /// </summary>
    private static bool StartsWithChineseKeywordThenNumberOrKeyword(string text) => Rejects(text, 0, text.Length);

    /// <summary>
    /// The predicate's test on <paramref name="length"/> characters of <paramref name="text"/> from
    /// <paramref name="start"/>, without allocating. Once true for a word it is true for every longer word, and it
    /// is decided by the first <see cref="PredicateWindow"/> characters.
    /// </summary>
    internal static bool Rejects(string text, int start, int length)
    {
        if (length < 2 || text[start] < 0x2E80) return false;
        var spellings = ChineseKeywords.ByFirstChar;
        var longest = ChineseKeywords.Longest;
        for (var k = Math.Min(longest, length - 1); k >= 1; k--)
        {
            if (!IsSpelling(spellings, text, start, k)) continue;
            var next = text[start + k];
            if (next is >= '0' and <= '9') return true;
            for (var m = Math.Min(longest, length - k); m >= 1; m--)
                if (IsSpelling(spellings, text, start + k, m))
                    return true;
        }
        return false;
    }

    /// <summary>How many characters decide <see cref="Rejects"/>: a keyword and then another.</summary>
    internal static int PredicateWindow => 2 * ChineseKeywords.Longest;

    private static bool IsSpelling(Dictionary<char, string[]> spellings, string text, int start, int length)
    {
        if (!spellings.TryGetValue(text[start], out var candidates)) return false;
        foreach (var s in candidates)
            if (s.Length == length && string.CompareOrdinal(s, 0, text, start, length) == 0)
                return true;
        return false;
    }

    private static class ChineseKeywords
    {
        private static readonly string[] s_all = SyntaxFacts.ChineseSpellings.Select(s => s.Spelling)
            .Where(s => s.Length > 0 && s[0] >= 0x2E80).Distinct(StringComparer.Ordinal).ToArray();

        public static readonly Dictionary<char, string[]> ByFirstChar = s_all.GroupBy(s => s[0]).ToDictionary(g => g.Key, g => g.ToArray());
        public static readonly int Longest = s_all.Max(s => s.Length);
    }
}
