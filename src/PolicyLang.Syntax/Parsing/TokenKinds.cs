using PolicyLang.Syntax.Parsing.Generated;

namespace PolicyLang.Syntax.Parsing;

/// <summary>Maps ANTLR token types to <see cref="TokenKind"/> by symbolic name.</summary>
internal static class TokenKinds
{
    private static readonly TokenKind[] s_map = Build();

    public static TokenKind FromAntlr(int type) =>
        type == Antlr4.Runtime.TokenConstants.EOF ? TokenKind.EndOfFile : type > 0 && type < s_map.Length ? s_map[type] : TokenKind.Unknown;

    public static int ToAntlr(TokenKind kind)
    {
        if (kind == TokenKind.EndOfFile) return Antlr4.Runtime.TokenConstants.EOF;
        for (var i = 1; i < s_map.Length; i++)
            if (s_map[i] == kind) return i;
        return 0;
    }

    public static int MaxType => s_map.Length - 1;

    internal static string PascalCase(string symbolic) =>
        string.Concat(symbolic.ToLowerInvariant().Split('_').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));

    private static TokenKind[] Build()
    {
        var vocabulary = PolicyLexer.DefaultVocabulary;
        var max = ((Antlr4.Runtime.Vocabulary)vocabulary).getMaxTokenType();
        var map = new TokenKind[max + 1];
        for (var type = 1; type <= max; type++)
        {
            var name = vocabulary.GetSymbolicName(type);
            if (name is null) continue;
            map[type] = (TokenKind)Enum.Parse(typeof(TokenKind), PascalCase(name));
        }
        return map;
    }
}
