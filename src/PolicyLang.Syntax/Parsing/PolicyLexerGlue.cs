using PolicyLang.Syntax;

namespace PolicyLang.Syntax.Parsing.Generated;

internal partial class PolicyLexer
{
    /// <summary>
    /// Lexer predicate of ID: false for a word that begins with a Chinese keyword and continues with a digit,
    /// so that 不少于80% lexes as 不少于 and 80%, and 上限100元 as 上限, 100 and 元.
    /// </summary>
    private static bool StartsWithChineseKeywordBeforeDigit(string text)
    {
        if (text.Length < 2 || text[0] < 0x2E80) return false;
        foreach (var (spelling, _) in SyntaxFacts.ChineseSpellings)
            if (text.Length > spelling.Length && text.StartsWith(spelling, StringComparison.Ordinal) && text[spelling.Length] is >= '0' and <= '9')
                return true;
        return false;
    }
}
